// PUT /api/v1/request/resources {monthlyResources, housingAid} (issue 12 item
// 7b, docs/request-file-api.md): for ApiRouter's request-file routes. Each
// amount a string as typed ("1 234,56"), a number of euros, or null / "" (not
// declared); another JSON type, or a body that is not an object, is 400
// bad_request (field named). Then RequestFileService::setResources: 200 {file}
// | 422 validation with the field's French error | 404 no_request.
#pragma once
#include <cstdint>

#include "app/request_file_service.h"

namespace alin {

Result<Json> putResources(RequestFileService& files, int64_t userId, const Json& body);

}  // namespace alin
