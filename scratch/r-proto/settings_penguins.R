# Settings written by aawgen from .aawgen/answers.yaml: change the answers
# and run `aawgen regenerate` rather than editing them here.
dataset <- "data/penguins.csv"
# Safe column name = column name in the CSV; every flavour uses these names.
column_names <- c(
  species = "species",
  island = "island",
  bill_length_mm = "bill_length_mm",
  bill_depth_mm = "bill_depth_mm",
  flipper_length_mm = "flipper_length_mm",
  body_mass_g = "body_mass_g",
  sex = "sex",
  year = "year"
)
target <- "species"
numeric_features <- c(
  "bill_length_mm",
  "bill_depth_mm",
  "flipper_length_mm",
  "body_mass_g",
  "year"
)
categorical_features <- c("island", "sex")
task <- "classification"
algorithm <- "logistic_regression"
missing_values <- "impute"
test_size <- 0.2
seed <- 42L
cv_folds <- 5L
n_trees <- 100L
