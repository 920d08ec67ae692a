#include "i18n/catalog.h"

#include <string>
#include <unordered_map>

namespace alin::i18n {
namespace {

struct Entry {
    const char* key;
    const char* text;
};

// French catalogue, split by area. Each .inc holds lines { "key", "text" },
const Entry kFrench[] = {
#include "i18n/fr/accounts.inc"
#include "i18n/fr/applications.inc"
#include "i18n/fr/common.inc"
#include "i18n/fr/domain.inc"
#include "i18n/fr/errors.inc"
#include "i18n/fr/help.inc"
#include "i18n/fr/kiosk.inc"
#include "i18n/fr/mail.inc"
#include "i18n/fr/mydata.inc"
#include "i18n/fr/offers.inc"
#include "i18n/fr/pages.inc"
#include "i18n/fr/request.inc"
#include "i18n/fr/request_service.inc"
#include "i18n/fr/screens.inc"
};

using Table = std::unordered_map<std::string_view, const char*>;

const Table& frenchTable() {
    static const Table table = [] {
        Table t;
        t.reserve(sizeof(kFrench) / sizeof(kFrench[0]));
        for (const Entry& e : kFrench) t.emplace(e.key, e.text);
        return t;
    }();
    return table;
}

Lang gLang = Lang::Fr;

}  // namespace

void setLanguage(Lang lang) {
    gLang = lang;
}

const char* tr(std::string_view key) {
    // English is not translated yet: every language falls back to French.
    const Table& t = frenchTable();
    auto it = t.find(key);
    if (it != t.end()) return it->second;
    // Unknown key: return a stable pointer to the key text itself.
    static thread_local std::string missing;
    missing.assign(key);
    return missing.c_str();
}

std::string trf(std::string_view key, std::initializer_list<std::string_view> args) {
    std::string out;
    std::string_view text = tr(key);
    auto arg = args.begin();
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '{' && i + 1 < text.size() && text[i + 1] == '}' && arg != args.end()) {
            out.append(*arg++);
            ++i;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

std::string trn(std::string_view key, long long n, std::initializer_list<std::string_view> args) {
    std::string k(key);
    k += (n == 0 || n == 1 || n == -1) ? ".one" : ".other";
    return trf(k, args);
}

void forEachEntry(void (*visit)(const char* key, const char* text, void* ctx), void* ctx) {
    for (const Entry& e : kFrench) visit(e.key, e.text, ctx);
}

}  // namespace alin::i18n
