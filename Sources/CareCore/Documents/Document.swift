import Foundation

/// What a document in a person's library is.
public enum DocumentKind: String, Sendable, Hashable, Codable, CaseIterable {
  case agreement, assessment, letter, review, photo, other

  public var label: String {
    switch self {
    case .agreement: "Agreement"
    case .assessment: "Assessment"
    case .letter: "Letter"
    case .review: "Review"
    case .photo: "Photo of a paper document"
    case .other: "Something else"
    }
  }

  /// The plural in a sentence ("assessments and letters").
  public var plural: String {
    switch self {
    case .agreement: "agreements"
    case .assessment: "assessments"
    case .letter: "letters"
    case .review: "reviews"
    case .photo: "photos of paper documents"
    case .other: "other documents"
    }
  }
}

/// Who sees one of the person's documents, as the person (or their arranger) set it. The person and their
/// arrangers always do; a professional in the team only as far as the person's sharing agreement with them
/// also allows.
public enum DocumentVisibility: String, Sendable, Hashable, Codable, CaseIterable {
  case personOnly = "only-me"
  case team = "my-team"
  case workers = "my-workers"
  case named = "named-people"

  public var label: String {
    switch self {
    case .personOnly: "Only me and my arranger"
    case .team: "My team"
    case .workers: "Workers in my team"
    case .named: "Named people in my team"
    }
  }
}

/// The person's recorded agreement to share documents with one professional in their team (a GP, a social
/// worker): which kinds, until when. Without one in force a professional sees none of the person's
/// documents, whatever their visibility.
public struct SharingAgreement: Sendable, Hashable, Identifiable {
  public let id: ID<SharingAgreement>
  public let personID: ID<Person>
  public let professionalID: ID<Account>
  public let kinds: Set<DocumentKind>
  /// The last day it covers; nil: until ended.
  public let until: Day?
  public let madeBy: ID<Account>
  public let madeAt: Date
  public let endedAt: Date?
  public let endedBy: ID<Account>?

  public init(
    id: ID<SharingAgreement>, personID: ID<Person>, professionalID: ID<Account>, kinds: Set<DocumentKind>,
    until: Day?, madeBy: ID<Account>, madeAt: Date, endedAt: Date? = nil, endedBy: ID<Account>? = nil
  ) {
    self.id = id
    self.personID = personID
    self.professionalID = professionalID
    self.kinds = kinds
    self.until = until
    self.madeBy = madeBy
    self.madeAt = madeAt
    self.endedAt = endedAt
    self.endedBy = endedBy
  }

  /// Covering documents of that kind on that day.
  public func covers(_ kind: DocumentKind, on day: Day) -> Bool {
    endedAt == nil && kinds.contains(kind) && until.map { day <= $0 } ?? true
  }

  /// The kinds in words ("assessments and letters").
  public var kindsText: String {
    let names = DocumentKind.allCases.filter(kinds.contains).map(\.plural)
    guard names.count > 1 else { return names.first ?? "nothing" }
    return names.dropLast().joined(separator: ", ") + " and " + names.last!
  }
}

/// What recording a sharing agreement asks for.
public struct SharingTerms: Sendable, Hashable {
  public var professionalID: ID<Account>
  public var kinds: Set<DocumentKind>
  public var until: Day?

  public init(professionalID: ID<Account>, kinds: Set<DocumentKind>, until: Day?) {
    self.professionalID = professionalID
    self.kinds = kinds
    self.until = until
  }
}

/// One version of a document: the bytes kept in file storage under its id.
public struct DocumentVersion: Sendable, Hashable, Identifiable {
  public let id: ID<DocumentVersion>
  public let documentID: ID<PersonDocument>
  /// 1, 2, 3…
  public let number: Int
  /// The file's own name as it was sent (shown, and given back on download; never used as a path).
  public let fileName: String
  public let contentType: String
  public let bytes: Int
  public let sha256: String
  public let note: String
  public let addedBy: ID<Account>
  public let addedAt: Date

  public init(
    id: ID<DocumentVersion>, documentID: ID<PersonDocument>, number: Int, fileName: String, contentType: String,
    bytes: Int, sha256: String, note: String, addedBy: ID<Account>, addedAt: Date
  ) {
    self.id = id
    self.documentID = documentID
    self.number = number
    self.fileName = fileName
    self.contentType = contentType
    self.bytes = bytes
    self.sha256 = sha256
    self.note = note
    self.addedBy = addedBy
    self.addedAt = addedAt
  }

  /// "1.2 MB", "340 KB".
  public var sizeText: String { FileSize.text(bytes) }
}

/// A file's size in words.
public enum FileSize {
  /// "1.2 MB", "340 KB" (never "0 KB").
  public static func text(_ bytes: Int) -> String {
    bytes >= 1024 * 1024
      ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : "\(max(1, (bytes + 1023) / 1024)) KB"
  }
}

/// A document in a person's library: its title, kind, who sees it, and every version (oldest first).
public struct PersonDocument: Sendable, Hashable, Identifiable {
  public let id: ID<PersonDocument>
  public let personID: ID<Person>
  public let title: String
  public let kind: DocumentKind
  public let visibility: DocumentVisibility
  /// Who it is shown to when `visibility` is `.named` (people in the team).
  public let named: Set<ID<Account>>
  public let addedBy: ID<Account>
  public let addedAt: Date
  public let versions: [DocumentVersion]

  public init(
    id: ID<PersonDocument>, personID: ID<Person>, title: String, kind: DocumentKind, visibility: DocumentVisibility,
    named: Set<ID<Account>>, addedBy: ID<Account>, addedAt: Date, versions: [DocumentVersion]
  ) {
    self.id = id
    self.personID = personID
    self.title = title
    self.kind = kind
    self.visibility = visibility
    self.named = named
    self.addedBy = addedBy
    self.addedAt = addedAt
    self.versions = versions
  }

  public var latest: DocumentVersion? { versions.last }
}

/// The one rule for who sees a person's document (lists, single reads, downloads and search all ask it).
public enum DocumentAccess {
  /// Whether `requester` may see a document of `kind`, set to `visibility` (and `named`), on `day`.
  /// - The person, their arrangers, and anyone holding a safeguarding override for the person: always.
  /// - A professional in the team: only when the visibility includes them *and* a sharing agreement of the
  ///   person's in force covers the kind.
  /// - Others in the team: as the visibility says (`team`: all; `workers`: workers and backup workers;
  ///   `named`: those named). Someone who has left the team sees nothing from that moment.
  /// - The registered manager and the circle's safeguarding lead (who answer for the care to the regulator):
  ///   what the person let the team or the workers see.
  public static func admits(
    _ requester: Requester, team: Team, kind: DocumentKind, visibility: DocumentVisibility,
    named: Set<ID<Account>>, agreements: [SharingAgreement], on day: Day
  ) -> Bool {
    let me = requester.account.id
    guard requester.coopID == team.person.coopID else { return false }
    if me == team.personAccount.id || requester.override(for: team.person.id) != nil { return true }
    let membership = team.active.first(where: { $0.account.id == me })?.membership
    if membership?.isArranger == true { return true }
    if let membership {
      let included =
        switch visibility {
        case .personOnly: false
        case .team: true
        case .workers: [.worker, .backupWorker].contains(membership.relationship)
        case .named: named.contains(me)
        }
      guard included else { return false }
      if membership.relationship == .professional {
        return agreements.contains { $0.professionalID == me && $0.covers(kind, on: day) }
      }
      return true
    }
    guard visibility == .team || visibility == .workers else { return false }
    return requester.wears(.registeredManager) || requester.wears(.safeguardingLead, in: team.person.circleID)
  }
}

/// A new document's details as sent with its first version's bytes (which stream to storage).
public struct NewDocument: Sendable, Hashable {
  public var title: String
  public var kind: DocumentKind?
  public var visibility: DocumentVisibility?
  public var named: Set<ID<Account>>

  public init(title: String, kind: DocumentKind?, visibility: DocumentVisibility?, named: Set<ID<Account>> = []) {
    self.title = title
    self.kind = kind
    self.visibility = visibility
    self.named = named
  }

  public struct Valid: Sendable, Hashable {
    public let title: String
    public let kind: DocumentKind
    public let visibility: DocumentVisibility
    public let named: Set<ID<Account>>
  }

  public static let longestTitle = 120

  /// Every problem at once (the named people's place in the team needs the team: the use case checks it).
  public func validated() throws(CareError) -> Valid {
    var v = Validator()
    let title = v.text(title, field: "title", label: "the document's title", max: Self.longestTitle)
    if kind == nil { v.add("kind", "Choose what kind of document it is") }
    if visibility == nil { v.add("visibility", "Choose who may see it") }
    if visibility == .named && named.isEmpty { v.add("named", "Choose at least one person to show it to") }
    try v.check()
    return Valid(title: title, kind: kind!, visibility: visibility!, named: visibility == .named ? named : [])
  }
}

/// A file's name as an upload gives it: kept to show and to offer on download, so it must be a plain name.
public enum DocumentFileName {
  public static let longest = 200

  /// The name, trimmed; refused when it has path parts ("../x", "C:\\x", "a/b"), is empty, is "." or "..",
  /// has control characters, or is over 200 characters.
  public static func validated(_ raw: String?) throws(CareError) -> String {
    let name = (raw ?? "").trimmingCharacters(in: .whitespaces)
    if name.isEmpty { throw .invalid("file", "Choose a file to send") }
    if name.contains("/") || name.contains("\\") || name == "." || name == ".." || name.contains(":") {
      throw .invalid("file", "The file's name must be a plain name, without folders (like letter.pdf)")
    }
    if TextRules.firstForbidden(in: name, multiline: false) != nil || name.unicodeScalars.count > longest {
      throw .invalid("file", "The file's name must be \(longest) characters or fewer, without control characters")
    }
    return name
  }
}

extension PersonDocument {
  /// The largest version kept: a long scanned PDF, or a phone photo of a letter.
  public static let limit = 25 * 1024 * 1024
  public static var limitText: String { "\(limit / (1024 * 1024)) MB" }
  public static let acceptsText = "a PDF, or a JPEG, PNG or WebP picture"
  /// The longest note with a new version ("Signed copy").
  public static let longestNote = 200
}
