import Foundation

/// A registered care co-operative. One deployment may host several; every row belongs to one.
public struct Coop: Hashable, Sendable, Codable {
  public let id: ID<Coop>
  public var name: String
  public var registeredNumber: String
  public var address: String

  public init(id: ID<Coop>, name: String, registeredNumber: String, address: String) {
    self.id = id
    self.name = name
    self.registeredNumber = registeredNumber
    self.address = address
  }
}

/// What the first-run setup page asks for: the co-op and its first administrator.
public struct CoopSetup: Sendable {
  public var coopName: String
  public var registeredNumber: String
  public var address: String
  public var adminName: String
  public var adminEmail: String
  public var password: String

  public init(
    coopName: String, registeredNumber: String, address: String, adminName: String,
    adminEmail: String, password: String
  ) {
    self.coopName = coopName
    self.registeredNumber = registeredNumber
    self.address = address
    self.adminName = adminName
    self.adminEmail = adminEmail
    self.password = password
  }

  /// Returns a copy with trimmed text, or throws every problem at once. `withPassword: false` for a co-op
  /// an operator creates, whose administrator chooses a password from an emailed link.
  public func validated(withPassword: Bool = true) throws(CareError) -> CoopSetup {
    var v = Validator()
    var copy = self
    copy.coopName = v.text(coopName, field: "coopName", label: "the co-op's name")
    copy.registeredNumber = v.text(
      registeredNumber, field: "registeredNumber", label: "the registered number", max: 40)
    copy.address = v.text(address, field: "address", label: "the address", max: 500, multiline: true)
    copy.adminName = v.text(adminName, field: "adminName", label: "your name")
    copy.adminEmail = v.email(adminEmail, field: "adminEmail")
    if withPassword { v.newPassword(password) }
    try v.check()
    return copy
  }
}
