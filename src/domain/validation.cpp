#include "domain/validation.h"

#include "domain/utf8.h"

namespace alin::domain {
namespace {

constexpr std::size_t kNameMaxCodePoints = 80;
constexpr std::size_t kEmailMaxBytes = 254;
constexpr std::size_t kEmailLocalMaxBytes = 64;
constexpr std::size_t kDomainLabelMaxBytes = 63;

bool isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isAsciiLower(char c) {
    return c >= 'a' && c <= 'z';
}
char asciiLower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool isNameSeparator(char32_t cp) {
    return cp == ' ' || cp == '-' || cp == '\'' || cp == 0x2019;
}

// ---------------------------------------------------------------- phone

enum class PhoneKind { Empty, Invalid, Mobile, Landline };

struct ParsedPhone {
    PhoneKind kind = PhoneKind::Invalid;
    std::string national;  // 9 digits, without the leading 0
};

ParsedPhone parseFrenchPhone(std::string_view raw) {
    ParsedPhone result;
    const std::string_view trimmed = utf8::trim(raw);
    if (trimmed.empty()) {
        result.kind = PhoneKind::Empty;
        return result;
    }
    // Keep digits and a leading '+'; drop the usual separators.
    std::string s;
    for (std::size_t i = 0; i < trimmed.size();) {
        const utf8::Decoded d = utf8::decodeAt(trimmed, i);
        i += d.length;
        if (!d.valid) return result;
        const char32_t cp = d.cp;
        if (cp >= '0' && cp <= '9') {
            s.push_back(static_cast<char>(cp));
        } else if (cp == '+' && s.empty()) {
            s.push_back('+');
        } else if (utf8::isSpace(cp) || cp == '.' || cp == '-' || cp == '(' || cp == ')') {
            continue;
        } else {
            return result;  // letters, a second '+', other symbols
        }
        if (s.size() > 16) return result;  // no valid form is that long
    }
    std::string_view digits = s;
    if (digits.substr(0, 3) == "+33") {
        digits.remove_prefix(3);
    } else if (digits.substr(0, 4) == "0033") {
        digits.remove_prefix(4);
    } else if (digits.size() == 10 && digits[0] == '0') {
        digits.remove_prefix(1);
    } else {
        return result;
    }
    // International prefix followed by the trunk 0: "+33 (0)6 ...", "+33 06 ...".
    if (digits.size() == 10 && digits[0] == '0') digits.remove_prefix(1);
    if (digits.size() != 9) return result;
    for (char c : digits)
        if (!isAsciiDigit(c)) return result;
    switch (digits[0]) {
        case '6':
        case '7':
            result.kind = PhoneKind::Mobile;
            break;
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '9':
            result.kind = PhoneKind::Landline;
            break;
        default:
            return result;  // 08 (special rates), 00
    }
    result.national.assign(digits);
    return result;
}

// ---------------------------------------------------------------- e-mail

bool isLocalChar(char c) {
    return isAsciiLower(c) || isAsciiDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'';
}

// Lower-cased input assumed.
bool isValidDomain(std::string_view domain) {
    int labels = 0;
    std::string_view last;
    while (true) {
        const std::size_t dot = domain.find('.');
        const std::string_view label = domain.substr(0, dot);
        if (label.empty() || label.size() > kDomainLabelMaxBytes) return false;
        if (label.front() == '-' || label.back() == '-') return false;
        for (char c : label)
            if (!isAsciiLower(c) && !isAsciiDigit(c) && c != '-') return false;
        ++labels;
        last = label;
        if (dot == std::string_view::npos) break;
        domain.remove_prefix(dot + 1);
    }
    if (labels < 2 || last.size() < 2) return false;
    for (char c : last)
        if (!isAsciiLower(c)) return false;  // the TLD is letters only
    return true;
}

}  // namespace

// ---------------------------------------------------------------- names

std::string normalizeName(std::string_view raw) {
    const std::string_view s = utf8::trim(raw);
    std::string out;
    out.reserve(s.size());
    bool pendingSpace = false;
    for (std::size_t i = 0; i < s.size();) {
        const utf8::Decoded d = utf8::decodeAt(s, i);
        if (d.valid && utf8::isSpace(d.cp)) {
            pendingSpace = true;
        } else {
            if (pendingSpace) out.push_back(' ');
            pendingSpace = false;
            out.append(s.substr(i, d.length));  // malformed bytes are kept as they are
        }
        i += d.length;
    }
    return out;
}

std::optional<std::string> checkName(std::string_view raw) {
    const std::string name = normalizeName(raw);
    if (name.empty()) return "error.name.required";
    if (!utf8::isValid(name)) return "error.name.invalid";
    if (utf8::codePointCount(name) > kNameMaxCodePoints) return "error.name.too_long";
    // Separators (space, hyphen, apostrophe) only between letters; combining
    // marks (decomposed accents) only after a letter.
    bool afterLetter = false;
    for (std::size_t i = 0; i < name.size();) {
        const utf8::Decoded d = utf8::decodeAt(name, i);
        i += d.length;
        if (utf8::isLetter(d.cp)) {
            afterLetter = true;
        } else if (utf8::isCombiningMark(d.cp) || isNameSeparator(d.cp)) {
            if (!afterLetter) return "error.name.invalid";
            afterLetter = !isNameSeparator(d.cp);
        } else {
            return "error.name.invalid";
        }
    }
    if (!afterLetter) return "error.name.invalid";
    return std::nullopt;
}

// ---------------------------------------------------------------- phone

std::optional<std::string> normalizeMobilePhone(std::string_view raw) {
    const ParsedPhone p = parseFrenchPhone(raw);
    if (p.kind != PhoneKind::Mobile) return std::nullopt;
    return "+33" + p.national;
}

std::optional<std::string> checkMobilePhone(std::string_view raw) {
    switch (parseFrenchPhone(raw).kind) {
        case PhoneKind::Empty:
            return "error.phone.required";
        case PhoneKind::Invalid:
            return "error.phone.invalid";
        case PhoneKind::Landline:
            return "error.phone.landline";
        case PhoneKind::Mobile:
            return std::nullopt;
    }
    return "error.phone.invalid";
}

std::string formatFrenchPhone(std::string_view e164) {
    const ParsedPhone p = parseFrenchPhone(e164);
    if (p.kind != PhoneKind::Mobile && p.kind != PhoneKind::Landline) return std::string(e164);
    const std::string national = "0" + p.national;  // 10 digits
    std::string out;
    for (std::size_t i = 0; i < national.size(); i += 2) {
        if (i > 0) out.push_back(' ');
        out.append(national, i, 2);
    }
    return out;
}

// ---------------------------------------------------------------- e-mail

std::string normalizeEmail(std::string_view raw) {
    const std::string_view s = utf8::trim(raw);
    std::string out(s);
    for (char& c : out) c = asciiLower(c);
    return out;
}

std::optional<std::string> checkEmail(std::string_view raw) {
    const std::string email = normalizeEmail(raw);
    if (email.empty()) return "error.email.required";
    if (email.size() > kEmailMaxBytes) return "error.email.too_long";
    const std::size_t at = email.find('@');
    if (at == std::string::npos || email.find('@', at + 1) != std::string::npos) return "error.email.invalid";
    const std::string_view local = std::string_view(email).substr(0, at);
    const std::string_view domain = std::string_view(email).substr(at + 1);
    if (local.empty()) return "error.email.invalid";
    if (local.size() > kEmailLocalMaxBytes) return "error.email.too_long";
    for (char c : local)
        if (!isLocalChar(c)) return "error.email.invalid";
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
        return "error.email.invalid";
    if (!isValidDomain(domain)) return "error.email.invalid";
    return std::nullopt;
}

}  // namespace alin::domain
