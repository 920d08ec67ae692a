// Numbers, amounts and dates for the thread's language (i18n::language()):
// French 1 234,56 €, 26/11/2026; English €1,234.56, 26 Nov 2026. Pure functions.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace alin::domain {

// French: thousands separated by a no-break space (U+00A0), decimal comma.
// English: thousands separated by a comma, decimal point.
std::string formatNumber(double value, int decimals = 0);
std::string formatEuros(double value, int decimals = 2);  // "1 234,56 €", "€1,234.56"
std::string formatEurosRounded(double value);             // "1 235 €", "€1,235"
// Unix seconds (UTC) -> "26/11/2026", "26 Nov 2026"
std::string formatDate(int64_t unixSeconds);
// Unix seconds (UTC) -> "26/11/2026 à 14:05", "26 Nov 2026 at 14:05"
std::string formatDateTime(int64_t unixSeconds);
// A calendar date "1989-05-19" -> "19/05/1989", "19 May 1989"; anything else as given.
std::string formatIsoDate(std::string_view iso);

}  // namespace alin::domain
