#include "domain/money.h"

#include <string>

namespace alin::domain {

std::optional<int64_t> parseEuroCents(std::string_view s) {
    // Spaces of any kind (ASCII, U+00A0, U+202F) removed; "€" and "EUR" allowed at either end.
    std::string t;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == ' ' || c == '\t') {
            ++i;
        } else if (s.substr(i, 2) == "\xC2\xA0") {
            i += 2;
        } else if (s.substr(i, 3) == "\xE2\x80\xAF") {
            i += 3;
        } else {
            t.push_back(static_cast<char>(c));
            ++i;
        }
    }
    std::string_view v = t;
    for (std::string_view unit : {std::string_view("\xE2\x82\xAC"), std::string_view("EUR"), std::string_view("eur")}) {
        if (v.size() >= unit.size() && v.substr(v.size() - unit.size()) == unit) {
            v.remove_suffix(unit.size());
            break;
        }
        if (v.substr(0, unit.size()) == unit) {
            v.remove_prefix(unit.size());
            break;
        }
    }
    if (v.empty()) return std::nullopt;
    // The last comma or point is the decimal separator when one or two digits
    // follow it; every other one separates thousands (three digits after it).
    const std::size_t last = v.find_last_of(",.");
    std::size_t dec = std::string_view::npos;
    if (last != std::string_view::npos && (v.size() - last - 1 == 1 || v.size() - last - 1 == 2)) dec = last;
    const std::string_view whole = dec == std::string_view::npos ? v : v.substr(0, dec);
    const std::string_view frac = dec == std::string_view::npos ? std::string_view() : v.substr(dec + 1);
    int64_t euros = 0;
    int digits = 0;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        const char c = whole[i];
        if (c == ',' || c == '.') {
            if (dec != std::string_view::npos && c == v[dec]) return std::nullopt;  // "12,345,6"
            // Thousands: "1.234,56", "1,234.56", "12,345" (a digit before, three after, up to the next separator).
            const std::size_t next = whole.find_first_of(",.", i + 1);
            const std::size_t group = (next == std::string_view::npos ? whole.size() : next) - i - 1;
            if (digits == 0 || group != 3) return std::nullopt;
            continue;
        }
        if (c < '0' || c > '9') return std::nullopt;
        if (++digits > 12) return std::nullopt;
        euros = euros * 10 + (c - '0');
    }
    if (digits == 0) return std::nullopt;
    int64_t cents = 0;
    for (const char c : frac) {
        if (c < '0' || c > '9') return std::nullopt;
        cents = cents * 10 + (c - '0');
    }
    if (frac.size() == 1) cents *= 10;
    return euros * 100 + cents;
}

}  // namespace alin::domain
