import CareCore
import FluentKit
import Foundation

final class CoopRow: Model, @unchecked Sendable {
  static let schema = "coops"
  @IDProperty<CoopRow, UUID>(key: .id) var id: UUID?
  @Field(key: "name") var name: String
  @Field(key: "registered_number") var registeredNumber: String
  @Field(key: "address") var address: String
  @Field(key: "created_at") var createdAt: Date

  init() {}

  init(_ coop: Coop, createdAt: Date) {
    id = coop.id.rawValue
    name = coop.name
    registeredNumber = coop.registeredNumber
    address = coop.address
    self.createdAt = createdAt
  }

  var value: Coop {
    Coop(id: CareCore.ID(id!), name: name, registeredNumber: registeredNumber, address: address)
  }
}

final class AccountRow: Model, @unchecked Sendable {
  static let schema = "accounts"
  @IDProperty<AccountRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "name") var name: String
  /// Unique within the co-op (migration 008); the old `email` column is no longer read.
  @OptionalField(key: "email_address") var email: String?
  @OptionalField(key: "password_hash") var passwordHash: String?
  @Field(key: "is_administrator") var isAdministrator: Bool
  @Field(key: "created_at") var createdAt: Date
  @Field(key: "prefers_easy_read") var prefersEasyRead: Bool

  init() {}

  init(_ account: Account, passwordHash: String?, createdAt: Date) {
    id = account.id.rawValue
    coopID = account.coopID.rawValue
    name = account.name
    email = account.email
    self.passwordHash = passwordHash
    isAdministrator = account.isAdministrator
    prefersEasyRead = account.prefersEasyRead
    self.createdAt = createdAt
  }

  var value: Account {
    Account(
      id: CareCore.ID(id!), coopID: CareCore.ID(coopID), name: name, email: email, isAdministrator: isAdministrator,
      prefersEasyRead: prefersEasyRead)
  }
}

final class MemberRow: Model, @unchecked Sendable {
  static let schema = "members"
  @IDProperty<MemberRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "account_id") var accountID: UUID
  @Field(key: "member_class") var memberClass: String
  @Field(key: "joined_on") var joinedOn: String
  @Field(key: "share_pence") var sharePence: Int
  @OptionalField(key: "left_on") var leftOn: String?

  init() {}

  init(_ m: Member) {
    id = m.id.rawValue
    coopID = m.coopID.rawValue
    accountID = m.accountID.rawValue
    memberClass = m.memberClass.rawValue
    joinedOn = m.joinedOn.iso
    sharePence = m.sharePence
    leftOn = m.leftOn?.iso
  }

  /// A stored value the code does not know is an error, never a default: an unknown class must not
  /// become one that votes.
  var value: Member {
    get throws {
      Member(
        id: CareCore.ID(id!), coopID: CareCore.ID(coopID), accountID: CareCore.ID(accountID),
        memberClass: try StoreError.known(MemberClass(rawValue: memberClass), "members.member_class", memberClass),
        joinedOn: try StoreError.known(Day(iso: joinedOn), "members.joined_on", joinedOn), sharePence: sharePence,
        leftOn: try leftOn.map { try StoreError.known(Day(iso: $0), "members.left_on", $0) })
    }
  }
}
