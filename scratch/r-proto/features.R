# What the features need to know about the training split: the levels of
# each categorical column and its most frequent value (it fills the gaps).
# Numeric gaps, centring and scaling are left to caret, which fits them
# inside each resampling fold.
fit_encoder <- function(data, numeric, categorical) {
  levels <- lapply(categorical, function(column) {
    sort(unique(stats::na.omit(data[[column]])), method = "radix")
  })
  modes <- vapply(categorical, function(column) {
    counts <- table(data[[column]])
    if (length(counts) == 0L) NA_character_ else names(which.max(counts))
  }, character(1))
  list(
    numeric = numeric,
    categorical = categorical,
    levels = stats::setNames(levels, categorical),
    modes = modes
  )
}

# One 0/1 column per training level but the first (treatment coding, so
# that glm and lm get a full-rank design). A gap takes the most frequent
# level; a level never seen in training counts as the first level.
encode_features <- function(data, encoder) {
  x <- as.data.frame(lapply(data[encoder$numeric], as_number))
  for (column in encoder$categorical) {
    values <- as.character(data[[column]])
    values[is.na(values)] <- encoder$modes[[column]]
    for (level in encoder$levels[[column]][-1]) {
      x[[paste(column, level, sep = "_")]] <- as.numeric(values %in% level)
    }
  }
  names(x) <- make.names(names(x), unique = TRUE)
  x
}

as_number <- function(values) {
  if (is.character(values)) readr::parse_double(values) else values
}

predict_values <- function(model, data) {
  x <- encode_features(data, model$encoder)
  predicted <- stats::predict(model$fit, newdata = x)
  if (model$task == "classification") {
    as.character(predicted)
  } else {
    as.numeric(predicted)
  }
}
