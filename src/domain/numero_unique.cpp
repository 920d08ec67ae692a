#include "domain/numero_unique.h"

#include <nlohmann/json.hpp>

#include "domain/utf8.h"

namespace alin::domain {
namespace {

bool isDash(char32_t cp) {
    return cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == 0x2013;
}

bool isUpperAlnum(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

const RegistrationSite* findSite(const RegistrationSites& sites, std::string_view department) {
    const std::optional<std::string> code = normalizeDepartmentCode(department);
    if (!code) return nullptr;
    for (const RegistrationSite& site : sites.sites)
        for (const std::string& d : site.departments)
            if (d == *code) return &site;
    return nullptr;
}

std::string stringField(const nlohmann::json& obj, const char* key) {
    const auto it = obj.find(key);
    return (it != obj.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

}  // namespace

std::string normalizeNumeroUnique(std::string_view raw) {
    std::string out;
    out.reserve(kNumeroUniqueLength);
    for (std::size_t i = 0; i < raw.size();) {
        const utf8::Decoded d = utf8::decodeAt(raw, i);
        if (d.valid && (utf8::isSpace(d.cp) || isDash(d.cp))) {
            i += d.length;
            continue;
        }
        for (std::size_t k = 0; k < d.length; ++k) {
            const char c = raw[i + k];
            out.push_back((c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c);
        }
        i += d.length;
    }
    return out;
}

bool isNormalizedNumeroUnique(std::string_view normalized) {
    if (normalized.size() != kNumeroUniqueLength) return false;
    for (char c : normalized)
        if (!isUpperAlnum(c)) return false;
    return true;
}

std::optional<std::string> checkNumeroUnique(std::string_view raw) {
    const std::string nu = normalizeNumeroUnique(raw);
    if (nu.empty()) return std::string("error.nu.required");
    if (!isNormalizedNumeroUnique(nu)) return std::string("error.nu.invalid");
    return std::nullopt;
}

// ---------------------------------------------------------------- registration sites

std::optional<std::string> normalizeDepartmentCode(std::string_view raw) {
    std::string_view s = utf8::trim(raw);
    std::string code;
    for (char c : s) code.push_back((c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c);
    if (code.size() == 1 && code[0] >= '1' && code[0] <= '9') return "0" + code;
    if (code == "2A" || code == "2B") return code;
    auto allDigits = [&] {
        for (char c : code)
            if (c < '0' || c > '9') return false;
        return true;
    };
    if (code.size() == 2 && allDigits()) {
        const int n = (code[0] - '0') * 10 + (code[1] - '0');
        if (n >= 1 && n <= 95 && n != 20) return code;  // 20: Corsica is 2A / 2B
        return std::nullopt;
    }
    if (code.size() == 3 && allDigits()) {
        const int n = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
        if (n >= 971 && n <= 976) return code;
    }
    return std::nullopt;
}

std::optional<RegistrationSites> parseRegistrationSites(std::string_view jsonText) {
    const nlohmann::json doc = nlohmann::json::parse(jsonText.begin(), jsonText.end(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
    const auto national = doc.find("national");
    const auto sites = doc.find("sites");
    if (national == doc.end() || !national->is_object() || sites == doc.end() || !sites->is_array())
        return std::nullopt;
    RegistrationSites out;
    out.nationalUrl = stringField(*national, "url");
    out.nationalName = stringField(*national, "name");
    if (out.nationalUrl.empty()) return std::nullopt;
    for (const nlohmann::json& s : *sites) {
        if (!s.is_object()) continue;
        RegistrationSite site;
        site.url = stringField(s, "url");
        site.name = stringField(s, "name");
        const auto deps = s.find("departments");
        if (site.url.empty() || deps == s.end() || !deps->is_array()) continue;
        for (const nlohmann::json& d : *deps) {
            if (!d.is_string()) continue;
            if (auto code = normalizeDepartmentCode(d.get<std::string>())) site.departments.push_back(*code);
        }
        if (!site.departments.empty()) out.sites.push_back(std::move(site));
    }
    return out;
}

const std::string& registrationSiteUrl(const RegistrationSites& sites, std::string_view department) {
    const RegistrationSite* site = findSite(sites, department);
    return site ? site->url : sites.nationalUrl;
}

const RegistrationSite* departmentalSite(const RegistrationSites& sites, std::string_view department) {
    return findSite(sites, department);
}

}  // namespace alin::domain
