// The regular client (alin.wasm) has no in-page service: the offline demo mode
// is a separate build (alin-demo.wasm, chosen by the shell for ?demo=1).
#include "client/api_client.h"

namespace alin::client {

std::unique_ptr<ApiClient> makeLocalApiClient(std::string, std::string) {
    return nullptr;
}

}  // namespace alin::client
