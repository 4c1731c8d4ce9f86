# Dates as a newspaper writes them in English: "November 29, 2026". Other
# languages use Django's own formats for them (FORMAT_MODULE_PATH).
DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "F j, Y, H:i"
MONTH_DAY_FORMAT = "M j"
