# Score any CSV that has the feature columns, under their names in the
# original data or their safe names; the rows come back with a prediction.
predict_rows <- function(model, data) {
  features <- use_safe_names(data, model$column_names, model$features)
  data$prediction <- predict_values(model, features)
  data
}

parse_options <- function() {
  parser <- optparse::OptionParser(
    description = "Add a prediction column to a CSV.",
    option_list = list(
      optparse::make_option(
        "--model",
        default = "outputs/r/model.rds", metavar = "RDS",
        help = "trained model [default: %default]"
      ),
      optparse::make_option(
        "--input",
        metavar = "CSV",
        help = "rows to score (required)"
      ),
      optparse::make_option(
        "--output",
        default = "outputs/r/predictions.csv", metavar = "CSV",
        help = "where the scored rows go [default: %default]"
      )
    )
  )
  opts <- optparse::parse_args(parser)
  if (is.null(opts$input)) {
    optparse::print_help(parser)
    stop("--input is required", call. = FALSE)
  }
  opts
}

main <- function() {
  opts <- parse_options()
  model <- readRDS(opts$model)
  scored <- predict_rows(model, read_table(opts$input))
  write_table(scored, opts$output)
  message("Wrote ", nrow(scored), " predictions to ", opts$output)
}

if (sys.nframe() == 0L) main()
