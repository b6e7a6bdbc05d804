# Drop empty rows, duplicate rows and rows without a target, and give the
# columns their safe names.
prepare_data <- function(raw) {
  data <- use_safe_names(raw, column_names)
  data <- parse_numbers(data, number_columns())
  data <- dplyr::filter(data, !dplyr::if_all(dplyr::everything(), is.na))
  data <- dplyr::distinct(data)
  data[!is.na(data[[target]]), ]
}

number_columns <- function() {
  if (task == "regression") c(numeric_features, target) else numeric_features
}

parse_options <- function() {
  parser <- optparse::OptionParser(
    description = "Clean the raw CSV and give its columns safe names.",
    option_list = list(
      optparse::make_option(
        "--input",
        default = dataset, metavar = "CSV",
        help = "raw data [default: %default]"
      ),
      optparse::make_option(
        "--output",
        default = "outputs/r/prepared.csv", metavar = "CSV",
        help = "where the prepared data go [default: %default]"
      )
    )
  )
  optparse::parse_args(parser)
}

main <- function() {
  opts <- parse_options()
  prepared <- prepare_data(read_table(opts$input))
  write_table(prepared, opts$output)
  message("Wrote ", nrow(prepared), " rows to ", opts$output)
}

if (sys.nframe() == 0L) main()
