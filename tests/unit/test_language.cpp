// The catalogue's language per thread, language tags and Accept-Language, and
// the plural rule of each language, English read from its JSON file.
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "i18n/catalog.h"

using alin::i18n::isSingular;
using alin::i18n::Lang;
using alin::i18n::language;
using alin::i18n::LanguageScope;
using alin::i18n::parseLanguage;

TEST_CASE("language: tags and Accept-Language headers") {
    CHECK(parseLanguage("en", Lang::Fr) == Lang::En);
    CHECK(parseLanguage("EN-gb", Lang::Fr) == Lang::En);
    CHECK(parseLanguage("fr-FR", Lang::En) == Lang::Fr);
    CHECK(parseLanguage("de-DE,en;q=0.8,fr;q=0.5", Lang::Fr) == Lang::En);
    CHECK(parseLanguage("fr-FR,fr;q=0.9,en-US;q=0.8", Lang::En) == Lang::Fr);
    CHECK(parseLanguage("en;q=0, fr", Lang::En) == Lang::Fr);
    CHECK(parseLanguage("es, de", Lang::Fr) == Lang::Fr);
    CHECK(parseLanguage("es, de", Lang::En) == Lang::En);
    CHECK(parseLanguage("", Lang::Fr) == Lang::Fr);
    CHECK(parseLanguage("eng", Lang::Fr) == Lang::Fr);  // not "en"
    CHECK(parseLanguage("e", Lang::Fr) == Lang::Fr);
    CHECK(std::string(alin::i18n::languageTag(Lang::En)) == "en");
    CHECK(std::string(alin::i18n::languageTag(Lang::Fr)) == "fr");
}

TEST_CASE("language: a scope sets the thread's language and restores it; other threads keep theirs") {
    REQUIRE(language() == Lang::Fr);
    {
        LanguageScope english(Lang::En);
        CHECK(language() == Lang::En);
        Lang seenByOther = Lang::En;
        std::thread other([&] { seenByOther = language(); });
        other.join();
        CHECK(seenByOther == Lang::Fr);
        {
            LanguageScope french(Lang::Fr);
            CHECK(language() == Lang::Fr);
        }
        CHECK(language() == Lang::En);
    }
    CHECK(language() == Lang::Fr);
}

TEST_CASE("language: plural rules (French: 0 and 1 singular; English: only 1)") {
    CHECK(isSingular(Lang::Fr, 0));
    CHECK(isSingular(Lang::Fr, 1));
    CHECK_FALSE(isSingular(Lang::Fr, 2));
    CHECK_FALSE(isSingular(Lang::En, 0));
    CHECK(isSingular(Lang::En, 1));
    CHECK_FALSE(isSingular(Lang::En, 2));
}

TEST_CASE("language: a key missing in English falls back to French, an unknown key to itself") {
    const std::string french = alin::i18n::trIn(Lang::Fr, "ui.import.validate");
    CHECK(french == "Valider");
    CHECK(std::string(alin::i18n::trIn(Lang::En, "no.such.key")) == "no.such.key");
    LanguageScope english(Lang::En);
    CHECK(std::string(tr("no.such.key")) == "no.such.key");
    CHECK_FALSE(std::string(tr("ui.import.validate")).empty());
}

namespace {
void collect(const char* key, const char* text, void* ctx) {
    static_cast<std::vector<std::pair<std::string, std::string>>*>(ctx)->emplace_back(key, text);
}
}  // namespace

TEST_CASE("language: English read from its JSON file (the browser client) gives the built-in texts") {
    using alin::i18n::catalogueJson;
    using alin::i18n::forgetLanguage;
    using alin::i18n::languageLoaded;
    using alin::i18n::loadLanguage;
    using alin::i18n::trIn;
    std::vector<std::pair<std::string, std::string>> builtIn;
    alin::i18n::forEachEntryIn(Lang::En, collect, &builtIn);
    REQUIRE(builtIn.size() > 1000);
    const std::string file = catalogueJson(Lang::En);
    CHECK(languageLoaded(Lang::Fr));
    CHECK(languageLoaded(Lang::En));

    forgetLanguage(Lang::En);
    CHECK_FALSE(languageLoaded(Lang::En));
    CHECK(languageLoaded(Lang::Fr));  // French cannot be dropped
    forgetLanguage(Lang::Fr);
    CHECK(languageLoaded(Lang::Fr));
    // Until it is read, English texts fall back to French.
    CHECK(std::string(trIn(Lang::En, "ui.import.validate")) == "Valider");
    // Anything but a JSON object of strings is refused, and changes nothing.
    for (const char* bad : {"", "<html>502 Bad Gateway</html>", "[]", "{}", R"({"a": 1})", R"({"a": "b")"}) {
        CAPTURE(bad);
        CHECK_FALSE(loadLanguage(Lang::En, bad));
        CHECK_FALSE(languageLoaded(Lang::En));
    }

    REQUIRE(loadLanguage(Lang::En, file));
    CHECK(languageLoaded(Lang::En));
    for (const auto& [key, text] : builtIn) {
        CAPTURE(key);
        CHECK(std::string(trIn(Lang::En, key)) == text);
    }
    // The French table is untouched.
    CHECK(std::string(trIn(Lang::Fr, "ui.import.validate")) == "Valider");
}
