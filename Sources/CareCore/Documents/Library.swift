import Foundation

/// What a document in the co-op's or a circle's library is.
public enum LibraryKind: String, Sendable, Hashable, Codable, CaseIterable {
  case policy, minutes, guidance, form, other

  public var label: String {
    switch self {
    case .policy: "Policy"
    case .minutes: "Minutes of a meeting"
    case .guidance: "Guidance"
    case .form: "A form to fill in"
    case .other: "Something else"
    }
  }
}

/// Who reads a library document: everyone in the co-op (a policy, guidance), or its members only (the
/// minutes of a members' meeting). Administrators read everything.
public enum LibraryAudience: String, Sendable, Hashable, Codable, CaseIterable {
  case everyone, members

  public var label: String {
    switch self {
    case .everyone: "Everyone in the co-op"
    case .members: "Members of the co-op only"
    }
  }
}

/// One version of a library document (the bytes are in file storage under its id).
public struct LibraryVersion: Sendable, Hashable, Identifiable {
  public let id: ID<LibraryVersion>
  public let number: Int
  public let fileName: String
  public let contentType: String
  public let bytes: Int
  public let sha256: String
  public let note: String
  public let addedBy: ID<Account>
  public let addedAt: Date

  public init(
    id: ID<LibraryVersion>, number: Int, fileName: String, contentType: String, bytes: Int, sha256: String,
    note: String, addedBy: ID<Account>, addedAt: Date
  ) {
    (self.id, self.number, self.fileName, self.contentType, self.bytes) = (id, number, fileName, contentType, bytes)
    (self.sha256, self.note, self.addedBy, self.addedAt) = (sha256, note, addedBy, addedAt)
  }

  public var sizeText: String { FileSize.text(bytes) }
}

/// A document on the co-op's shelf (`circleID` nil) or a circle's: a policy, minutes, guidance. Its versions
/// are kept, each number once; nothing is edited or removed.
public struct LibraryDocument: Sendable, Hashable, Identifiable {
  public let id: ID<LibraryDocument>
  public let coopID: ID<Coop>
  public let circleID: ID<Circle>?
  public let title: String
  public let kind: LibraryKind
  public let audience: LibraryAudience
  public let addedBy: ID<Account>
  public let addedAt: Date
  /// Oldest first.
  public let versions: [LibraryVersion]

  public init(
    id: ID<LibraryDocument>, coopID: ID<Coop>, circleID: ID<Circle>?, title: String, kind: LibraryKind,
    audience: LibraryAudience, addedBy: ID<Account>, addedAt: Date, versions: [LibraryVersion]
  ) {
    (self.id, self.coopID, self.circleID, self.title, self.kind) = (id, coopID, circleID, title, kind)
    (self.audience, self.addedBy, self.addedAt) = (audience, addedBy, addedAt)
    self.versions = versions.sorted { $0.number < $1.number }
  }

  public var latest: LibraryVersion? { versions.last }

  /// Whether the requester reads it: anyone in the co-op for `everyone`; members and administrators for
  /// `members`. Anyone else is told it does not exist.
  public func isRead(by requester: Requester) -> Bool {
    guard requester.coopID == coopID else { return false }
    return audience == .everyone || requester.memberClass != nil || requester.account.isAdministrator
  }
}

/// A new library document as typed: its details, and the shelf (`coop`, or a circle's id).
public struct NewLibraryDocument: Sendable, Hashable {
  public let title: String
  public let kind: LibraryKind?
  public let audience: LibraryAudience?
  public let shelf: String

  public init(title: String, kind: LibraryKind?, audience: LibraryAudience?, shelf: String) {
    (self.title, self.kind, self.audience, self.shelf) = (title, kind, audience, shelf)
  }

  public struct Valid: Sendable, Hashable {
    public let title: String
    public let kind: LibraryKind
    public let audience: LibraryAudience
    public let circleID: ID<Circle>?
  }

  /// Every problem at once; the shelf must be the co-op's or one of `circles`.
  public func validated(circles: Set<ID<Circle>>) throws(CareError) -> Valid {
    var v = Validator()
    let title = v.text(title, field: "title", label: "the document's title", max: 120)
    if kind == nil { v.add("kind", "Choose what kind of document it is") }
    if audience == nil { v.add("audience", "Choose who may read it") }
    let circle = ID<Circle>(string: shelf)
    if shelf != "coop" && (circle == nil || !circles.contains(circle!)) {
      v.add("shelf", "Choose the co-op's shelf or a circle's")
    }
    try v.check()
    return Valid(title: title, kind: kind!, audience: audience!, circleID: shelf == "coop" ? nil : circle)
  }
}
