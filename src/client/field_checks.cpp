#include "client/field_checks.h"

#include "domain/dates.h"
#include "domain/utf8.h"
#include "domain/validation.h"
#include "i18n/catalog.h"

namespace alin::client {

namespace {

// The message the service would give for this value, or "" when valid or unknown.
std::string localCheck(const std::string& field, const std::string& value) {
    auto fromKey = [](const std::optional<std::string>& key) { return key ? std::string(tr(*key)) : std::string(); };
    if (field == "birthName" || field == "firstName") return fromKey(domain::checkName(value));
    if (field == "phone") return fromKey(domain::checkMobilePhone(value));
    if (field == "email") return fromKey(domain::checkEmail(value));
    if (field == "employerName")
        return domain::utf8::trim(value).empty() ? std::string(tr("request.employer.name_required")) : std::string();
    if (field == "hireDate") {
        const std::string_view raw = domain::utf8::trim(value);
        if (raw.empty() || domain::parseFrenchDate(raw) || domain::parseIsoDate(raw)) return {};
        if (domain::hasDateShape(raw)) return trf("request.employer.hire_date_nonexistent", {raw});
        return tr("request.employer.hire_date_invalid");
    }
    return {};
}

}  // namespace

void recheckField(FieldErrorMap& errors, const std::string& field, const std::string& value) {
    auto it = errors.byField.find(field);
    if (it == errors.byField.end()) return;
    const std::string message = localCheck(field, value);
    if (message.empty())
        errors.byField.erase(it);
    else
        it->second = message;
}

void recheckTicked(FieldErrorMap& errors, const std::string& field, bool ticked) {
    if (ticked) errors.byField.erase(field);
}

}  // namespace alin::client
