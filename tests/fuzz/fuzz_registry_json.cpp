// libFuzzer target: the registry JSON reader (what POST/PUT
// /api/v1/registry/requests and the seed file go through). Bad input must end in
// RegistryParseError (or another std::exception), never a crash; what parses
// must survive toJson -> fromJson.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string_view>

#include "demo_data/registry_seed.h"
#include "reference/registry_types.h"

using namespace alin;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        std::vector<RegistryRequest> requests = parseRegistryRequests(text);
        for (const RegistryRequest& r : requests) {
            nlohmann::json j = r.toJson();
            RegistryRequest back = RegistryRequest::fromJson(j);
            if (back.toJson() != j) __builtin_trap();
            (void)r.householdSize();
            (void)r.householdTaxIncomeN2();
            (void)r.dependants();
        }
        (void)registryRequestsToJson(requests);
    } catch (const std::exception&) {
        // Refused with a message: fine.
    }
    // One request object on its own (PUT /api/v1/registry/requests/{nu}).
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_discarded()) {
        try {
            (void)RegistryRequest::fromJson(j);
        } catch (const std::exception&) {
        }
    }
    return 0;
}
