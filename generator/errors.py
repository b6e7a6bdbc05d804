"""The one exception root of aawgen; the CLI turns these into exit codes."""


class AawgenError(Exception):
    """A problem the user can fix; shown as one line, never as a traceback."""

    exit_code = 2


class AnswerError(AawgenError):
    """An answer breaks its question's rule."""

    def __init__(self, key: str, value: object, rule: str) -> None:
        self.key = key
        self.value = value
        self.rule = rule
        shown = repr(value)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        from generator.i18n import _

        super().__init__(
            _("answer '%(key)s': %(value)s is not accepted: %(rule)s")
            % {"key": key, "value": shown, "rule": rule}
        )


class DatasetError(AawgenError):
    """The dataset cannot be read or does not fit the answers."""


class DestinationError(AawgenError):
    """The destination folder cannot receive a project."""


class ValidationFailed(AawgenError):
    """A generated artefact failed a check; exit 1 like drift."""

    exit_code = 1
