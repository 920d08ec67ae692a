#include "domain/roles.h"

namespace alin::domain {

namespace {
constexpr std::string_view kRoleCodes[kRoleCount] = {"applicant", "advisor", "landlord", "employer"};
}  // namespace

std::string_view roleCode(Role role) {
    const auto i = static_cast<std::size_t>(role);
    return i < kRoleCount ? kRoleCodes[i] : kRoleCodes[0];
}

std::optional<Role> parseRole(std::string_view code) {
    for (int i = 0; i < kRoleCount; ++i)
        if (kRoleCodes[i] == code) return static_cast<Role>(i);
    return std::nullopt;
}

bool isStaff(Role role) {
    return role != Role::Applicant;
}

bool may(Role role, Capability capability) {
    switch (capability) {
        case Capability::UseRequestFile:
            return role == Role::Applicant;
        case Capability::ReviewApplications:
            return role == Role::Advisor;
        case Capability::ManageOwnOffers:
            return role == Role::Landlord;
        case Capability::AddOffers:
            return role == Role::Landlord || role == Role::Advisor;
        case Capability::ViewEmployeeRequests:
            return role == Role::Employer;
        case Capability::AnswerContactMessages:
            return role == Role::Advisor;
        case Capability::WriteContactMessages:
            return role == Role::Applicant;
    }
    return false;
}

}  // namespace alin::domain
