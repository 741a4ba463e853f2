import CareCore
import CareStore
import Foundation

/// The register of members' model.
public struct MemberRegisterModel: Sendable {
  public let register: [(Member, Account)]
  public let mayChange: Bool
}

/// The co-op's register of members.
extension Cases {
  public func memberRegister(by requester: Requester) async throws -> MemberRegisterModel {
    try require(requester, .viewMemberRegister(coop: requester.coopID))
    return MemberRegisterModel(
      register: try await store.memberRegister(coop: requester.coopID),
      mayChange: allows(requester, .changeMemberRegister(coop: requester.coopID)))
  }

  public func addMember(_ input: NewMember, by requester: Requester) async throws -> (Member, Account) {
    try require(requester, .changeMemberRegister(coop: requester.coopID))
    let member = try await store.addMember(input, coop: requester.coopID, by: requester.account.id, env: effects)
    guard let account = try await store.account(member.accountID) else { throw CareError.notFound }
    return (member, account)
  }
}
