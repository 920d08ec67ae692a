// Amounts typed in euros (domain/money.h): the French way first, the English
// way too (the field's text follows the page's language), nothing ambiguous.
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "domain/money.h"

using alin::domain::parseEuroCents;

TEST_CASE("parseEuroCents: amounts people type") {
    struct Case {
        const char* text;
        std::optional<int64_t> cents;
    };
    const Case cases[] = {
        {"1 234,56", 123456},
        {"1\xC2\xA0"
         "234,56",
         123456},  // no-break space, as formatted
        {"1\xE2\x80\xAF"
         "234,56",
         123456},  // narrow no-break space
        {"1234.56", 123456},
        {"1.234,56", 123456},
        {"1,234.56", 123456},
        {"1 234", 123400},
        {"1,234", 123400},
        {"850", 85000},
        {"850,5", 85050},
        {"850,05", 85005},
        {"  312,00 \xE2\x82\xAC ", 31200},
        {"\xE2\x82\xAC 312", 31200},
        {"312 EUR", 31200},
        {"0", 0},
        {"0,00", 0},
        {"12 345 678,90", 1234567890},
        {"", std::nullopt},
        {"   ", std::nullopt},
        {"-100", std::nullopt},
        {"+100", std::nullopt},
        {"12,345,6", std::nullopt},
        {"12,3456", std::nullopt},
        {"12.345.6", std::nullopt},
        {"1,234,567.5", 123456750},
        {"1,2,3", std::nullopt},
        {",50", std::nullopt},
        {"850,", std::nullopt},
        {"abc", std::nullopt},
        {"12a", std::nullopt},
        {"1e3", std::nullopt},
        {"\xE2\x82\xAC", std::nullopt},
        {"1234567890123", std::nullopt},  // 13 digits of euros
    };
    for (const Case& c : cases) {
        CAPTURE(std::string(c.text));
        CHECK(parseEuroCents(c.text) == c.cents);
    }
}
