"""Reading the step scripts' code: settings split, imports merged."""

from generator.step_code import split_python_settings, split_r_settings

PYTHON_SETTINGS = '''# Answers
TASK = "classification"
# Safe names
RENAME = {
    "a": "b",
}
NUMERIC = ["x"]
CATEGORICAL = []
# All of them
FEATURES = NUMERIC + CATEGORICAL
SEED = 42'''

R_SETTINGS = '''# Answers
task <- "classification"
seed <- 42L
column_names <- c(
  seed = "seed",
  task = "a # task",
  long = paste0(
    "seed"
  )
)
numeric_features <- c("seed", "task")
categorical_features <- character(0)
# All of them
features <- c(numeric_features, categorical_features)
delimiter <- ","'''


def test_python_computed_settings_move_with_their_comment():
    parameters, computed = split_python_settings(PYTHON_SETTINGS)
    assert computed == "# All of them\nFEATURES = NUMERIC + CATEGORICAL"
    assert "FEATURES" not in parameters
    assert parameters.endswith('CATEGORICAL = []\nSEED = 42')
    assert '# Safe names\nRENAME = {\n    "a": "b",\n}' in parameters


def test_r_names_in_strings_and_argument_names_are_not_references():
    parameters, computed = split_r_settings(R_SETTINGS)
    assert computed == (
        "# All of them\nfeatures <- c(numeric_features, categorical_features)"
    )
    assert "column_names <- c(" in parameters
    assert parameters.endswith('delimiter <- ","')


def test_nothing_computed_leaves_the_settings_whole():
    text = 'seed <- 1L\nname <- "seed"'
    assert split_r_settings(text) == (text, "")
    assert split_python_settings("SEED = 1") == ("SEED = 1", "")
