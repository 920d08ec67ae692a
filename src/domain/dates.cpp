#include "domain/dates.h"

#include <charconv>

namespace alin::domain {
namespace {

// Parses exactly `width` ASCII digits at s[pos..]; -1 when not digits.
int fixedDigits(std::string_view s, std::size_t pos, std::size_t width) {
    if (pos + width > s.size()) return -1;
    int v = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

// Parses 1..maxWidth ASCII digits; advances pos. -1 when none or too many.
int someDigits(std::string_view s, std::size_t& pos, std::size_t maxWidth) {
    const std::size_t start = pos;
    int v = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        if (pos - start == maxWidth) return -1;
        v = v * 10 + (s[pos] - '0');
        ++pos;
    }
    return pos == start ? -1 : v;
}

void appendPadded(std::string& out, int value, int width) {
    if (value < 0) {
        out.push_back('-');
        value = -value;
    }
    char buf[16];
    const auto res = std::to_chars(buf, buf + sizeof buf, value);
    for (auto len = res.ptr - buf; len < width; ++len) out.push_back('0');
    out.append(buf, res.ptr);
}

bool isBlank(char c) {
    return c == ' ' || c == '\t';
}

}  // namespace

bool isLeapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysInMonth(int year, int month) {
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    return (month == 2 && isLeapYear(year)) ? 29 : kDays[month - 1];
}

bool isValidDate(const CivilDate& d) {
    // The bounds keep every conversion far from overflow.
    return d.year >= -999999 && d.year <= 999999 && d.day >= 1 && d.day <= daysInMonth(d.year, d.month);
}

int64_t daysFromCivil(const CivilDate& d) {
    const int64_t y = static_cast<int64_t>(d.year) - (d.month <= 2 ? 1 : 0);
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;                           // [0, 399]
    const int64_t mp = d.month > 2 ? d.month - 3 : d.month + 9;  // [0, 11]
    const int64_t doy = (153 * mp + 2) / 5 + d.day - 1;          // [0, 365]
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;   // [0, 146096]
    return era * 146097 + doe - 719468;
}

CivilDate civilFromDays(int64_t days) {
    const int64_t z = days + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    CivilDate d;
    d.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    d.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    d.year = static_cast<int>(yoe + era * 400 + (d.month <= 2 ? 1 : 0));
    return d;
}

int64_t unixFromCivil(const CivilDate& d) {
    return daysFromCivil(d) * 86400;
}

CivilDate civilFromUnix(int64_t unixSeconds) {
    int64_t days = unixSeconds / 86400;
    if (unixSeconds % 86400 < 0) --days;  // floor division before 1970
    return civilFromDays(days);
}

std::optional<CivilDate> parseIsoDate(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    const CivilDate d{fixedDigits(s, 0, 4), fixedDigits(s, 5, 2), fixedDigits(s, 8, 2)};
    if (d.year < 0 || !isValidDate(d)) return std::nullopt;
    return d;
}

std::optional<CivilDate> parseFrenchDate(std::string_view s) {
    while (!s.empty() && isBlank(s.front())) s.remove_prefix(1);
    while (!s.empty() && isBlank(s.back())) s.remove_suffix(1);
    std::size_t pos = 0;
    CivilDate d;
    d.day = someDigits(s, pos, 2);
    if (d.day < 0 || pos >= s.size() || s[pos++] != '/') return std::nullopt;
    d.month = someDigits(s, pos, 2);
    if (d.month < 0 || pos >= s.size() || s[pos++] != '/') return std::nullopt;
    if (s.size() - pos != 4) return std::nullopt;
    d.year = fixedDigits(s, pos, 4);
    if (d.year < 0 || !isValidDate(d)) return std::nullopt;
    return d;
}

bool hasDateShape(std::string_view s) {
    while (!s.empty() && isBlank(s.front())) s.remove_prefix(1);
    while (!s.empty() && isBlank(s.back())) s.remove_suffix(1);
    std::size_t pos = 0;
    if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
        return fixedDigits(s, 0, 4) >= 0 && fixedDigits(s, 5, 2) >= 0 && fixedDigits(s, 8, 2) >= 0;
    }
    if (someDigits(s, pos, 2) < 0 || pos >= s.size() || s[pos++] != '/') return false;
    if (someDigits(s, pos, 2) < 0 || pos >= s.size() || s[pos++] != '/') return false;
    return s.size() - pos == 4 && fixedDigits(s, pos, 4) >= 0;
}

std::string toIsoDate(const CivilDate& d) {
    std::string out;
    appendPadded(out, d.year, 4);
    out.push_back('-');
    appendPadded(out, d.month, 2);
    out.push_back('-');
    appendPadded(out, d.day, 2);
    return out;
}

std::string toFrenchDate(const CivilDate& d) {
    std::string out;
    appendPadded(out, d.day, 2);
    out.push_back('/');
    appendPadded(out, d.month, 2);
    out.push_back('/');
    appendPadded(out, d.year, 4);
    return out;
}

int ageOn(const CivilDate& birth, const CivilDate& on) {
    int age = on.year - birth.year;
    // Birthday not reached yet this year. For 29 February in a common year,
    // (2, 28) < (2, 29): the birthday counts from 1 March.
    if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --age;
    return age;
}

}  // namespace alin::domain
