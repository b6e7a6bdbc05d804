"""Reading a CSV's header and sample: encodings, delimiters, names, task."""

import pytest

from generator.dataset import infer_task, read_sample, safe_names
from generator.errors import DatasetError


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_utf8_with_bom_and_latin1_both_read(tmp_path):
    text = "Région,Âge,Résultat\nQuébec,31,oui\nMontréal,45,non\n"
    bom = read_sample(write(tmp_path, "bom.csv", "\ufeff" + text))
    latin = read_sample(write(tmp_path, "latin.csv", text, encoding="latin-1"))
    assert bom.encoding == "utf-8-sig"
    assert latin.encoding == "cp1252"
    for sample in (bom, latin):
        assert [c.name for c in sample.columns] == ["Région", "Âge", "Résultat"]
        assert [c.safe for c in sample.columns] == ["region", "age", "resultat"]
        assert sample.target_values["Région"] == ("Montréal", "Québec")


def test_semicolon_delimiter_is_detected(tmp_path):
    sample = read_sample(write(tmp_path, "fr.csv", "a;b;c\n1;2;x\n3;4;y\n"))
    assert sample.delimiter == ";"
    assert [c.kind for c in sample.columns] == ["numeric", "numeric", "categorical"]


def test_missing_values_and_kinds(tmp_path):
    sample = read_sample(write(tmp_path, "m.csv", "x,y,z\n1,a,NA\n,b,2\n2.5,,NaN\n"))
    x, y, z = sample.columns
    assert (x.kind, x.missing) == ("numeric", 1)
    assert (y.kind, y.missing) == ("categorical", 1)
    assert (z.kind, z.missing) == ("numeric", 2)  # R's and pandas' NA markers


def test_safe_names_are_valid_everywhere_and_unique():
    names = ["class", "1st value", "Sepal.Length", "SepalWidth", "é", "", "a b",
             "a_b", "x" * 50, "x" * 50 + "y", "if", "prediction", "%%%", "data",
             "run"]
    safe = safe_names(names)
    assert len(set(safe)) == len(safe)
    for name in safe:
        assert name.isidentifier() and name.isascii()
        assert len(name.encode()) <= 32
        assert not name[0].isdigit()
    assert safe[0] == "class_"
    assert safe[1] == "x1st_value"
    assert safe[2] == "sepal_length"
    assert safe[3] == "sepal_width"
    assert safe[4] == "e"
    assert safe[6] == "a_b" and safe[7] == "a_b_2"
    assert safe[-2:] == ["data_", "run_"]  # SAS step words


def test_task_inference(tmp_path):
    rows = "\n".join(f"{i},{i * 1.37:.2f},{i % 3},{'ab'[i % 2]}" for i in range(200))
    sample = read_sample(write(tmp_path, "t.csv", "id,amount,group,flag\n" + rows))
    assert infer_task(sample, "amount") == "regression"
    assert infer_task(sample, "group") == "classification"
    assert infer_task(sample, "flag") == "classification"


@pytest.mark.parametrize("content, message", [
    ("", "empty"),
    ("only\n1\n", "column"),
    ("a,b\n", "no rows"),
    ("a,b\n1,2,3\n", "line 2 has 3 fields"),
    (",b,t\n1,2,3\n", "column 1 has no name"),
    ("a,b,a\n1,2,3\n", "two columns are named 'a'"),
])
def test_unreadable_files_give_clear_errors(tmp_path, content, message):
    with pytest.raises(DatasetError, match=message):
        read_sample(write(tmp_path, "bad.csv", content))


def test_missing_file_names_the_answer(tmp_path):
    with pytest.raises(DatasetError, match="answer 'dataset'"):
        read_sample(tmp_path / "nope.csv")
