# Settings written by aawgen from .aawgen/answers.yaml: change the answers
# and run `aawgen regenerate` rather than editing them here.
dataset <- "data/iris.csv"
# Safe column name = column name in the CSV; every flavour uses these names.
column_names <- c(
  sepal_length = "Sepal.Length",
  sepal_width = "Sepal.Width",
  petal_length = "Petal.Length",
  petal_width = "Petal.Width",
  species = "Species"
)
target <- "species"
numeric_features <- c(
  "sepal_length",
  "sepal_width",
  "petal_length",
  "petal_width"
)
categorical_features <- character(0)
task <- "classification"
algorithm <- "random_forest"
missing_values <- "impute"
test_size <- 0.2
seed <- 42L
cv_folds <- 5L
n_trees <- 100L
