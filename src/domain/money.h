// Amounts of money typed by a person (issue 12 item 7b: the monthly resources
// and housing aid of the request file). Pure functions, no I/O.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace alin::domain {

// An amount in euros as typed, to cents: "1 234,56", "1234.56", "1 234 €",
// "1.234,5", "1,234.56" (English), "850", "850,00 EUR". The last comma or
// point is the decimal separator when one or two digits follow it; other
// commas and points, and spaces (also U+00A0, U+202F), separate thousands
// (groups of three digits: "1,850" is 1 850 €), never the decimal
// separator's own character; a leading or trailing "€" / "EUR" is allowed.
// nullopt for anything else: empty, a sign, letters, "12,3456", more than 12
// digits of euros.
std::optional<int64_t> parseEuroCents(std::string_view text);

}  // namespace alin::domain
