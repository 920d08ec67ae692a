#include "reference/service_data.h"

#include <string>

#include "demo_data/registry_seed.h"

namespace alin {

ServiceData loadServiceData(std::string_view geoBin, std::string_view ceilingsJson, std::string_view sitesJson,
                            std::string_view typologiesJson) {
    ServiceData data;
    if (geoBin.empty()) throw ServiceDataError("geo.bin: empty (build it with scripts/build-geo.mjs)");
    try {
        data.geography = Geography::fromBytes(geoBin);
    } catch (const GeographyError& e) {
        throw ServiceDataError(std::string("geo.bin: ") + e.what());
    }
    if (data.geography.empty()) throw ServiceDataError("geo.bin: no department or commune");

    std::string error;
    auto ceilings = domain::parseIncomeCeilings(ceilingsJson, 0, &error);
    if (!ceilings) throw ServiceDataError("income_ceilings.json: " + (error.empty() ? "invalid" : error));
    data.ceilings = std::move(*ceilings);
    auto history = domain::parseIncomeCeilingsHistory(ceilingsJson, &error);
    if (!history) throw ServiceDataError("income_ceilings.json: " + (error.empty() ? "invalid" : error));
    data.ceilingsHistory = std::move(*history);

    auto sites = domain::parseRegistrationSites(sitesJson);
    if (!sites)
        throw ServiceDataError("registration_sites.json: not valid JSON, or \"national.url\" / \"sites\" missing");
    data.sites = std::move(*sites);

    if (typologiesJson.empty()) {
        data.typologies = domain::defaultTypologyRules();
    } else {
        error.clear();
        auto typologies = domain::parseTypologyRules(typologiesJson, &error);
        if (!typologies) throw ServiceDataError("typologies.json: " + (error.empty() ? "invalid" : error));
        data.typologies = std::move(*typologies);
    }
    data.rules.typology = data.typologies;
    error.clear();
    auto rules = domain::parseRentEffortRules(ceilingsJson, data.rules, &error);
    if (!rules) throw ServiceDataError("income_ceilings.json: " + (error.empty() ? "invalid" : error));
    data.rules = std::move(*rules);
    return data;
}

std::int64_t seedRegistryIfEmpty(Storage& storage, const Geography& geo, std::int64_t now) {
    if (storage.countRegistryRequests() > 0) return 0;
    const std::vector<RegistryRequest> requests = generateRegistry(geo);
    std::int64_t stored = 0;
    storage.transaction([&] {
        // Re-checked inside the transaction: two processes may start together.
        if (storage.countRegistryRequests() > 0) return;
        for (const RegistryRequest& r : requests) {
            storage.upsertRegistryRequest(r.numeroUnique, r.toJson(), now);
            ++stored;
        }
    });
    return stored;
}

}  // namespace alin
