// Civil (calendar) dates without time zones: conversions, parsing of the two
// notations we meet (ISO "2021-04-20" in data, French "20/04/2021" in forms and
// imported requests) and ages in completed years. Pure functions, no locale:
// identical natively and in wasm. Instants are Unix seconds in UTC, as in format.h.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace alin::domain {

struct CivilDate {
    int year = 1970;
    int month = 1;  // 1..12
    int day = 1;    // 1..31
    friend bool operator==(const CivilDate&, const CivilDate&) = default;
    friend auto operator<=>(const CivilDate&, const CivilDate&) = default;  // chronological
};

bool isLeapYear(int year);
int daysInMonth(int year, int month);  // 0 for a month outside 1..12
bool isValidDate(const CivilDate& d);

// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's
// algorithms), negative before 1970. The input is not checked: call
// isValidDate first when it comes from outside.
int64_t daysFromCivil(const CivilDate& d);
CivilDate civilFromDays(int64_t days);

// Midnight UTC of the date, and the UTC date of an instant (floor, also before 1970).
int64_t unixFromCivil(const CivilDate& d);
CivilDate civilFromUnix(int64_t unixSeconds);

// "2021-04-20" (exactly 4-2-2 digits) -> date; nullopt when malformed or not a real date.
std::optional<CivilDate> parseIsoDate(std::string_view s);
// "20/04/2021" (1 or 2 digits for day and month, 4 for the year; surrounding
// spaces ignored) -> date; nullopt when malformed or not a real date.
std::optional<CivilDate> parseFrenchDate(std::string_view s);
// True when s has the shape of a French or ISO date (dd/mm/yyyy, yyyy-mm-dd)
// whatever the numbers: "31/02/2020" has the shape of a date that does not exist.
bool hasDateShape(std::string_view s);
std::string toIsoDate(const CivilDate& d);     // "2021-04-20"
std::string toFrenchDate(const CivilDate& d);  // "20/04/2021"

// Age in completed years ("âge révolu") on the given day; someone born on
// 29 February turns one year older on 1 March in common years. Negative when
// `on` precedes the birth.
int ageOn(const CivilDate& birth, const CivilDate& on);

}  // namespace alin::domain
