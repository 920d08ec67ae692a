// Every user-visible string lives in one catalogue (French first). Code refers
// to stable keys; wording can change without breaking code or tests.
#pragma once
#include <string>
#include <string_view>

namespace alin::i18n {

enum class Lang { Fr, En };

void setLanguage(Lang lang);
// Returns the text for key in the current language, falling back to French,
// then to the key itself (so a missing entry is visible, never a crash).
const char* tr(std::string_view key);
// tr() with "{}" placeholders replaced in order.
std::string trf(std::string_view key, std::initializer_list<std::string_view> args);
// Plural forms: trf() of "<key>.one" when n is 0 or 1 (French rule), else of
// "<key>.other". The catalogue holds both forms, never "(s)".
std::string trn(std::string_view key, long long n, std::initializer_list<std::string_view> args);
// Every French entry (key, text), in catalogue order: for tests over the wording.
void forEachEntry(void (*visit)(const char* key, const char* text, void* ctx), void* ctx);

}  // namespace alin::i18n

using alin::i18n::tr;
using alin::i18n::trf;
using alin::i18n::trn;
