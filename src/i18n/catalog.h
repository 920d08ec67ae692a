// Every user-visible string lives in one catalogue (French first, English
// second). Code refers to stable keys; wording can change without breaking code
// or tests.
#pragma once
#include <string>
#include <string_view>

namespace alin::i18n {

enum class Lang { Fr, En };

// The language of the calling thread (French unless set). The browser client
// has one thread; the server sets it per request (LanguageScope), so every
// worker answers in the language its request asked for.
void setLanguage(Lang lang);
Lang language();
// BCP 47 tag of a language: "fr", "en".
const char* languageTag(Lang lang);
// Reads a language from a tag ("en", "en-GB", "fr-FR") or an Accept-Language
// header ("en-US,en;q=0.9,fr;q=0.8": the first supported language listed).
// Anything else gives fallback.
Lang parseLanguage(std::string_view text, Lang fallback);

// Sets the thread's language for a scope and restores the previous one.
class LanguageScope {
public:
    explicit LanguageScope(Lang lang) : previous_(language()) { setLanguage(lang); }
    ~LanguageScope() { setLanguage(previous_); }
    LanguageScope(const LanguageScope&) = delete;
    LanguageScope& operator=(const LanguageScope&) = delete;

private:
    Lang previous_;
};

// Returns the text for key in the current language, falling back to French,
// then to the key itself (so a missing entry is visible, never a crash).
const char* tr(std::string_view key);
// tr() in a given language (same fallbacks).
const char* trIn(Lang lang, std::string_view key);
// tr() with "{}" placeholders replaced in order.
std::string trf(std::string_view key, std::initializer_list<std::string_view> args);
// Plural forms: trf() of "<key>.one" or "<key>.other" by the current language's
// rule (French: 0 and 1 are singular; English: only 1). The catalogue holds both
// forms, never "(s)".
std::string trn(std::string_view key, long long n, std::initializer_list<std::string_view> args);
// True when n takes the singular form in lang.
bool isSingular(Lang lang, long long n);
// Every French entry (key, text), in catalogue order: for tests over the wording.
void forEachEntry(void (*visit)(const char* key, const char* text, void* ctx), void* ctx);
// Every entry of one language's own table, in catalogue order (no fallback; texts
// read by loadLanguage() come in key order).
void forEachEntryIn(Lang lang, void (*visit)(const char* key, const char* text, void* ctx), void* ctx);

// Whether a language's texts are at hand: French always; English when built in
// (server, native builds) or once read by loadLanguage(). The browser client is
// built without English (its first load carries French only) and reads it from
// the file alin-en.json when English is chosen; until then tr() in English gives French.
bool languageLoaded(Lang lang);
// Reads a language's texts from a JSON object {"key": "text", ...} (what
// catalogueJson() writes). False, and nothing changed, when it is not one.
bool loadLanguage(Lang lang, std::string_view json);
// A language's own table as that JSON object (the wasm build writes alin-en.json with it).
std::string catalogueJson(Lang lang);
// Drops a language's texts as if it were not built in (French stays): the native
// UI tests use it to go through the browser client's loading of English.
void forgetLanguage(Lang lang);

}  // namespace alin::i18n

using alin::i18n::tr;
using alin::i18n::trf;
using alin::i18n::trn;
