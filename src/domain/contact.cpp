#include "domain/contact.h"

#include <algorithm>

namespace alin::domain::contact {

bool isSubject(std::string_view code) {
    return std::find(kSubjects.begin(), kSubjects.end(), code) != kSubjects.end();
}

bool isStatus(std::string_view code) {
    return code == "waiting" || code == "answered" || code == "closed";
}

}  // namespace alin::domain::contact
