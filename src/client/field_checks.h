// Stale messages (issue 11 item 5): once a field shows an error, changing it
// checks it again at once with the rules the client shares with the service
// (src/domain); a field without a local rule loses its message until the next
// submit. A field without an error is left alone while it is being typed.
#pragma once
#include <string>

#include "client/app_state.h"

namespace alin::client {

void recheckField(FieldErrorMap& errors, const std::string& field, const std::string& value);
// A required box ("J'accepte…"): ticking it clears its error.
void recheckTicked(FieldErrorMap& errors, const std::string& field, bool ticked);

}  // namespace alin::client
