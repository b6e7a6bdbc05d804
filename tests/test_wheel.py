"""A wheel built from the repository renders projects from a fresh venv."""

import subprocess
import sys
import venv
import zipfile

from tests.conftest import ROOT


def test_wheel_carries_templates_and_renders_a_project(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation",
         "--outdir", str(dist), str(ROOT)],
        check=True, capture_output=True,
    )
    wheel = next(dist.glob("aawgen-*.whl"))

    # The venv sees the machine's packages for the dependencies, but aawgen
    # itself comes only from the wheel (forced into the venv's own site).
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps",
         "--force-reinstall", str(wheel)],
        check=True, capture_output=True,
    )
    where = subprocess.run(
        [str(python), "-c", "import generator; print(generator.__file__)"],
        cwd=tmp_path, check=True, capture_output=True, text=True,
    ).stdout
    assert where.startswith(str(env_dir)), where

    project = tmp_path / "from-wheel"
    subprocess.run(
        [str(env_dir / "bin" / "aawgen"), "new", str(project), "--defaults", "-q"],
        cwd=tmp_path, check=True, capture_output=True,
    )
    assert (project / "python" / "train.py").is_file()
    assert (project / "data" / "iris.csv").is_file()

    # The compiled catalogues ship too: French from the wheel, no Babel.
    names = zipfile.ZipFile(wheel).namelist()
    for language in ("en", "fr"):
        assert f"generator/locales/{language}/LC_MESSAGES/aawgen.mo" in names
    french = tmp_path / "fr-from-wheel"
    subprocess.run(
        [str(env_dir / "bin" / "aawgen"), "--lang", "fr", "new", str(french),
         "--defaults", "-q", "--set", "locale=fr"],
        cwd=tmp_path, check=True, capture_output=True,
    )
    readme = (french / "README.md").read_text(encoding="utf-8")
    assert "## Tout exécuter localement" in readme
