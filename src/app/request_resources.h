// "Ressources et aides au logement" of the request file (issue 12 item 7b,
// docs/request-file-api.md "PUT /request/resources"): the household's net
// monthly resources and the expected monthly housing aid (APL/AL, received or
// estimated with the CAF simulator), both optional, with the date they were
// declared. They feed the rent effort (docs/domain-rules.md "Rent effort"):
// the eligibility lines of the file, the offer search and the offer detail
// (OfferService caches the profile per file and these amounts).
// RequestFileService::setResources is defined in request_resources.cpp.
#pragma once
#include <optional>
#include <string>

#include "app/account_service.h"  // Json, ServiceError
#include "reference/eligibility_profile.h"
#include "storage/storage.h"

namespace alin {

// What the applicant typed: each amount a JSON string ("1 234,56", French or
// English separators, "" = not declared), a number of euros (1234.56), or null
// (not declared). The router refuses other JSON types (400).
struct ResourcesInput {
    Json monthlyResources;
    Json housingAid;
};

// The amounts of a file for the eligibility profile (-1 in storage = nullopt).
DeclaredResources declaredResources(const RequestFileRecord& file);

// The file JSON's "resources": {monthlyResourcesCents|null, monthlyResourcesText
// ("1 850,50", as the field shows it; "" when not declared), housingAidCents|null,
// housingAidText, declared:bool, declaredAt (unix s, 0), declaredOnText
// ("02/12/2026" or ""), simulatorUrl}.
Json resourcesJson(const RequestFileRecord& file);

// The CAF's housing-aid simulator (the screen's link, QR code on a kiosk).
inline constexpr const char* kCafSimulatorUrl =
    "https://www.caf.fr/allocataires/mes-services-en-ligne/faire-une-simulation";

// One amount checked: cents (nullopt = not declared) or the field's error
// (422 validation: "invalid" not an amount, "too_high" above `maxCents`).
struct AmountCheck {
    std::optional<int64_t> cents;
    std::optional<FieldError> error;
};
AmountCheck checkDeclaredAmount(const Json& value, const std::string& field, int64_t maxCents);

}  // namespace alin
