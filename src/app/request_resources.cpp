// "Ressources et aides au logement" (request_resources.h): validation of the two
// amounts, their JSON in the file, and RequestFileService::setResources.
#include "app/request_resources.h"

#include <cmath>

#include "app/request_file_service.h"
#include "domain/format.h"
#include "domain/money.h"
#include "i18n/catalog.h"

namespace alin {

namespace {

// Larger amounts are refused as not amounts at all (they would overflow cents).
constexpr int64_t kMaxEuros = 1'000'000'000'000;

// "1 850,50" (or "1 850" for whole euros) in the page's language: what the field shows.
std::string fieldText(int64_t cents) {
    return domain::formatNumber(static_cast<double>(cents) / 100.0, cents % 100 == 0 ? 0 : 2);
}

// "100 000 €": the bound in the error message.
std::string boundText(int64_t cents) {
    return domain::formatEuros(static_cast<double>(cents) / 100.0, 0);
}

}  // namespace

DeclaredResources declaredResources(const RequestFileRecord& f) {
    DeclaredResources d;
    if (f.monthlyResourcesCents >= 0) d.monthlyResourcesCents = f.monthlyResourcesCents;
    if (f.monthlyHousingAidCents >= 0) d.monthlyHousingAidCents = f.monthlyHousingAidCents;
    return d;
}

Json resourcesJson(const RequestFileRecord& f) {
    const bool resources = f.monthlyResourcesCents >= 0;
    const bool aid = f.monthlyHousingAidCents >= 0;
    return {{"monthlyResourcesCents", resources ? Json(f.monthlyResourcesCents) : Json(nullptr)},
            {"monthlyResourcesText", resources ? fieldText(f.monthlyResourcesCents) : std::string()},
            {"housingAidCents", aid ? Json(f.monthlyHousingAidCents) : Json(nullptr)},
            {"housingAidText", aid ? fieldText(f.monthlyHousingAidCents) : std::string()},
            {"declared", resources || aid},
            {"declaredAt", f.resourcesDeclaredAt},
            {"declaredOnText", f.resourcesDeclaredAt > 0 ? domain::formatDate(f.resourcesDeclaredAt) : std::string()},
            {"simulatorUrl", kCafSimulatorUrl}};
}

AmountCheck checkDeclaredAmount(const Json& value, const std::string& field, int64_t maxCents) {
    AmountCheck out;
    const std::string keyBase = "request.resources.error." + field;
    const auto invalid = [&] {
        out.error = FieldError{field, "invalid", tr(keyBase + ".invalid")};
        return out;
    };
    std::optional<int64_t> cents;
    if (value.is_null()) return out;
    if (value.is_string()) {
        const std::string text = value.get<std::string>();
        if (text.find_first_not_of(" \t") == std::string::npos) return out;  // blank: not declared
        cents = domain::parseEuroCents(text);
    } else if (value.is_number_unsigned()) {
        const uint64_t euros = value.get<uint64_t>();
        if (euros <= static_cast<uint64_t>(kMaxEuros)) cents = static_cast<int64_t>(euros) * 100;
    } else if (value.is_number_integer()) {
        const int64_t euros = value.get<int64_t>();
        if (euros >= 0 && euros <= kMaxEuros) cents = euros * 100;
    } else if (value.is_number_float()) {
        const double euros = value.get<double>();
        const double c = euros * 100.0;
        // At most two decimals (1234.56), a finite, non-negative amount.
        if (std::isfinite(c) && c >= 0 && c < 1e15 && std::fabs(c - std::round(c)) < 1e-6)
            cents = static_cast<int64_t>(std::llround(c));
    } else {
        return invalid();
    }
    if (!cents) return invalid();
    if (*cents > maxCents) {
        out.error = FieldError{field, "too_high", trf(keyBase + ".too_high", {boundText(maxCents)})};
        return out;
    }
    out.cents = cents;
    return out;
}

Result<Json> RequestFileService::setResources(int64_t userId, const ResourcesInput& in) {
    const AmountCheck resources =
        checkDeclaredAmount(in.monthlyResources, "monthlyResources", kMaxDeclaredResourcesCents);
    const AmountCheck aid = checkDeclaredAmount(in.housingAid, "housingAid", kMaxDeclaredHousingAidCents);
    std::vector<FieldError> errors;
    if (resources.error) errors.push_back(*resources.error);
    if (aid.error) errors.push_back(*aid.error);
    if (!errors.empty()) {
        ServiceError e;
        e.status = 422;
        e.code = "validation";
        e.field = errors.front().field;
        e.message = errors.size() == 1 ? errors.front().message : tr("request.error.validation");
        e.errors = std::move(errors);
        return Result<Json>::failure(std::move(e));
    }
    std::optional<RequestFileRecord> f;
    storage_.transaction([&] {
        f = storage_.findRequestFileOfUser(userId);
        if (!f) return;
        f->monthlyResourcesCents = resources.cents.value_or(-1);
        f->monthlyHousingAidCents = aid.cents.value_or(-1);
        f->resourcesDeclaredAt = resources.cents || aid.cents ? clock_.now() : 0;
        storage_.updateRequestFile(*f);
    });
    if (!f) {
        ServiceError e;
        e.status = 404;
        e.code = "no_request";
        e.message = tr("request.error.no_request");
        return Result<Json>::failure(std::move(e));
    }
    return Result<Json>::success(fileJson(*f));
}

}  // namespace alin
