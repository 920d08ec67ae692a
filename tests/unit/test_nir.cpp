// NIR key (src/domain/nir.*): 97 - (n mod 97) of the first 13 characters, Corsica.
#include <doctest/doctest.h>

#include <string>

#include "domain/nir.h"
#include "domain/siret.h"

using namespace alin::domain;

TEST_CASE("nir: key, Corsica, shape; Luhn lives in siret") {
    CHECK(luhnValid("82454114802432"));
    CHECK(luhnValid("824541148"));
    CHECK_FALSE(luhnValid("11122211111111"));
    CHECK_FALSE(luhnValid(""));
    CHECK_FALSE(luhnValid("8245411480243a"));
    // NIR: 97 - (n mod 97); Corsica 2A -> 19, 2B -> 18.
    CHECK(nirKey("1850775114001") == 97 - static_cast<int>(1850775114001LL % 97));
    CHECK(
        isValidNir("185077511400"
                   "1" +
                   std::to_string(97 - 1850775114001LL % 97)));
    std::string corsica =
        "1850"
        "72A004"
        "123";
    CHECK(corsica.size() == 13);
    CHECK(nirKey(corsica) == 97 - static_cast<int>((1850719004123LL) % 97));
    CHECK(nirKey("3850775114001") == -1);
    CHECK(nirKey("185077511400") == -1);
    CHECK_FALSE(isValidNir("185077511400100"));
}
