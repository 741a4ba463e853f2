import CareCore
import FluentKit
import Foundation

final class DocumentRow: Model, @unchecked Sendable {
  static let schema = "documents"
  @IDProperty<DocumentRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "person_id") var personID: UUID
  @Field(key: "title") var title: String
  @Field(key: "kind") var kind: String
  @Field(key: "visibility") var visibility: String
  @Field(key: "added_by") var addedBy: UUID
  @OptionalField(key: "on_behalf_of") var onBehalfOf: UUID?
  @Field(key: "added_at") var addedAt: Date
  init() {}
}

final class DocumentNamedRow: Model, @unchecked Sendable {
  static let schema = "document_named"
  @IDProperty<DocumentNamedRow, UUID>(key: .id) var id: UUID?
  @Field(key: "document_id") var documentID: UUID
  @Field(key: "account_id") var accountID: UUID
  init() {}
}

final class DocumentVersionRow: Model, @unchecked Sendable {
  static let schema = "document_versions"
  @IDProperty<DocumentVersionRow, UUID>(key: .id) var id: UUID?
  @Field(key: "document_id") var documentID: UUID
  @Field(key: "person_id") var personID: UUID
  @Field(key: "number") var number: Int
  @Field(key: "file_name") var fileName: String
  @Field(key: "content_type") var contentType: String
  @Field(key: "bytes") var bytes: Int64
  @Field(key: "sha256") var sha256: String
  @Field(key: "note") var note: String
  @Field(key: "added_by") var addedBy: UUID
  @Field(key: "added_at") var addedAt: Date
  init() {}

  var value: DocumentVersion {
    DocumentVersion(
      id: CareCore.ID(id!), documentID: CareCore.ID(documentID), number: number, fileName: fileName,
      contentType: contentType,
      bytes: Int(bytes), sha256: sha256, note: note, addedBy: CareCore.ID(addedBy), addedAt: addedAt)
  }
}

final class SharingAgreementRow: Model, @unchecked Sendable {
  static let schema = "sharing_agreements"
  @IDProperty<SharingAgreementRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "person_id") var personID: UUID
  @Field(key: "professional_id") var professionalID: UUID
  @Field(key: "kinds") var kinds: String
  @OptionalField(key: "until_day") var untilDay: String?
  @Field(key: "made_by") var madeBy: UUID
  @Field(key: "made_at") var madeAt: Date
  @OptionalField(key: "ended_by") var endedBy: UUID?
  @OptionalField(key: "ended_at") var endedAt: Date?
  init() {}

  var value: SharingAgreement {
    get throws {
      let kinds = try kinds.split(separator: ",").map {
        try StoreError.known(DocumentKind(rawValue: String($0)), "sharing_agreements.kinds", String($0))
      }
      return SharingAgreement(
        id: CareCore.ID(id!), personID: CareCore.ID(personID), professionalID: CareCore.ID(professionalID),
        kinds: Set(kinds),
        until: try untilDay.map { try StoreError.known(Day(iso: $0), "sharing_agreements.until_day", $0) },
        madeBy: CareCore.ID(madeBy), madeAt: madeAt, endedAt: endedAt, endedBy: endedBy.map(CareCore.ID.init))
    }
  }
}

/// The bytes of a new version, already in file storage under `id` (the use case streamed them there and told
/// their type from the first bytes), with the name and note it came with.
public struct KeptDocumentFile: Sendable, Hashable {
  public let id: UUID
  public let fileName: String
  public let contentType: String
  public let bytes: Int
  public let sha256: String
  public let note: String
  public init(id: UUID, fileName: String, contentType: String, bytes: Int, sha256: String, note: String) {
    self.id = id
    self.fileName = fileName
    self.contentType = contentType
    self.bytes = bytes
    self.sha256 = sha256
    self.note = note
  }
}

/// The person's documents library: documents with their versions (append-only), who sees each, and the
/// person's sharing agreements with professionals. Reads return everything of the person's: the use cases
/// filter with `DocumentAccess`, the one rule.
extension Store {
  /// Every document of the person's, oldest first, with its versions.
  public func documents(permit: Permit) async throws -> [PersonDocument] {
    try Self.check(permit, anyOf: [.viewDocuments, .addDocument, .changeDocumentSharing])
    guard let person = permit.personID else { throw CareError.forbidden }
    return try await Self.documents(person, only: nil, on: db)
  }

  /// One document of the person's, or nil (another person's is nil too).
  public func document(_ id: ID<PersonDocument>, permit: Permit) async throws -> PersonDocument? {
    try Self.check(permit, anyOf: [.viewDocuments, .addDocument, .changeDocumentSharing])
    guard let person = permit.personID else { throw CareError.forbidden }
    return try await Self.documents(person, only: id, on: db).first
  }

  /// Whose document it is (to load their team and ask the policy), or nil when there is none.
  public func documentOwner(_ id: ID<PersonDocument>) async throws -> ID<Person>? {
    try await DocumentRow.find(id.rawValue, on: db).map { ID($0.personID) }
  }

  /// The person's sharing agreements, in force and ended, oldest first.
  public func sharingAgreements(permit: Permit) async throws -> [SharingAgreement] {
    try Self.check(permit, anyOf: [.viewDocuments, .addDocument, .changeDocumentSharing])
    guard let person = permit.personID else { throw CareError.forbidden }
    return try await SharingAgreementRow.query(on: db).filter(\.$personID == person.rawValue).sort(\.$madeAt)
      .sort(\.$id).all().map { try $0.value }
  }

  /// Writes a look at the person's documents (the list, a document, a download) in their who-looked log.
  public func logDocumentLook(permit: Permit, download: Bool, detail: String, env: Effects) async throws {
    try Self.check(permit, .viewDocuments)
    guard let person = permit.personID else { throw CareError.forbidden }
    try await viewLog.append(
      AuditEvent(
        id: ID(env.newID()), coopID: permit.coopID, at: env.now(), actorID: permit.requester.account.id,
        onBehalfOf: nil, personID: person, action: download ? .downloadDocument : .viewDocument, detail: detail))
  }

  /// Keeps a new document and its first version (the bytes are already stored), with an audit line.
  public func addDocument(_ new: NewDocument.Valid, file: KeptDocumentFile, permit: Permit, env: Effects)
    async throws -> PersonDocument
  {
    guard case .addDocument(let team) = permit.action else { throw CareError.forbidden }
    let actor = permit.requester.account.id
    return try await write { db in
      let row = DocumentRow()
      row.id = env.newID()
      (row.coopID, row.personID, row.title) = (permit.coopID.rawValue, team.personID.rawValue, new.title)
      (row.kind, row.visibility) = (new.kind.rawValue, new.visibility.rawValue)
      (row.addedBy, row.onBehalfOf, row.addedAt) = (actor.rawValue, permit.onBehalfOf?.rawValue, env.now())
      try await row.create(on: db)
      try await Self.name(new.named, document: row.id!, env: env, on: db)
      try await Self.addVersion(file, number: 1, document: row, actor: actor, env: env, on: db)
      try await Self.append(
        .addDocument, coop: permit.coopID, actor: actor, onBehalfOf: permit.onBehalfOf, person: team.personID,
        detail: "“\(new.title)” (\(new.kind.label)), seen by: \(new.visibility.label)", env: env, on: db)
      return try await Self.documents(team.personID, only: ID(row.id!), on: db)[0]
    }
  }

  /// Keeps a new version of a document (the next number; two at once cannot both take it).
  public func addDocumentVersion(_ id: ID<PersonDocument>, file: KeptDocumentFile, permit: Permit, env: Effects)
    async throws -> PersonDocument
  {
    guard case .addDocument(let team) = permit.action else { throw CareError.forbidden }
    let actor = permit.requester.account.id
    return try await writeChecked(
      conflict: FieldError("file", "Someone added a version at the same moment: look again")
    ) { db in
      guard let row = try await DocumentRow.find(id.rawValue, on: db), row.personID == team.personID.rawValue else {
        throw CareError.notFound
      }
      let last = try await DocumentVersionRow.query(on: db).filter(\.$documentID == id.rawValue).max(\.$number) ?? 0
      try await Self.addVersion(file, number: last + 1, document: row, actor: actor, env: env, on: db)
      try await Self.append(
        .addDocumentVersion, coop: permit.coopID, actor: actor, onBehalfOf: permit.onBehalfOf,
        person: team.personID, detail: "“\(row.title)”, version \(last + 1)", env: env, on: db)
      return try await Self.documents(team.personID, only: id, on: db)[0]
    }
  }

  /// Sets who sees a document (and who is named), with an audit line saying from what to what.
  public func setDocumentVisibility(
    _ id: ID<PersonDocument>, _ visibility: DocumentVisibility, named: Set<ID<Account>>, permit: Permit, env: Effects
  ) async throws -> PersonDocument {
    guard case .changeDocumentSharing(let team) = permit.action else { throw CareError.forbidden }
    return try await write { db in
      guard let row = try await DocumentRow.find(id.rawValue, on: db), row.personID == team.personID.rawValue else {
        throw CareError.notFound
      }
      let before = DocumentVisibility(rawValue: row.visibility)?.label ?? row.visibility
      row.visibility = visibility.rawValue
      try await row.update(on: db)
      try await DocumentNamedRow.query(on: db).filter(\.$documentID == id.rawValue).delete()
      try await Self.name(visibility == .named ? named : [], document: id.rawValue, env: env, on: db)
      try await Self.append(
        .changeDocumentVisibility, coop: permit.coopID, actor: permit.requester.account.id,
        onBehalfOf: permit.onBehalfOf, person: team.personID,
        detail: "“\(row.title)”: from \(before) to \(visibility.label)", env: env, on: db)
      return try await Self.documents(team.personID, only: id, on: db)[0]
    }
  }

  /// Records the person's agreement to share documents with a professional in their team; one in force
  /// before it for the same professional ends at the same moment (the new one replaces it).
  public func recordSharingAgreement(_ terms: SharingTerms, permit: Permit, env: Effects) async throws
    -> SharingAgreement
  {
    guard case .changeDocumentSharing(let team) = permit.action else { throw CareError.forbidden }
    let actor = permit.requester.account.id
    return try await writeChecked(
      conflict: FieldError("kinds", "The agreement was changed somewhere else at the same moment: look again")
    ) { db in
      for old in try await Self.inForce(team.personID, terms.professionalID, on: db) {
        (old.endedAt, old.endedBy) = (env.now(), actor.rawValue)
        try await old.update(on: db)
      }
      let row = SharingAgreementRow()
      row.id = env.newID()
      (row.coopID, row.personID, row.professionalID) = (
        permit.coopID.rawValue, team.personID.rawValue, terms.professionalID.rawValue
      )
      row.kinds = DocumentKind.allCases.filter(terms.kinds.contains).map(\.rawValue).joined(separator: ",")
      (row.untilDay, row.madeBy, row.madeAt) = (terms.until?.iso, actor.rawValue, env.now())
      try await row.create(on: db)
      let value = try row.value
      let names = try await AccountRow.find(terms.professionalID.rawValue, on: db)?.name ?? "a professional"
      try await Self.append(
        .recordSharing, coop: permit.coopID, actor: actor, onBehalfOf: permit.onBehalfOf, person: team.personID,
        detail: "with \(names): \(value.kindsText)" + (terms.until.map { ", until \($0.iso)" } ?? ""), env: env,
        on: db)
      return value
    }
  }

  /// Ends a sharing agreement now; ending one already ended is a conflict.
  public func endSharingAgreement(_ id: ID<SharingAgreement>, permit: Permit, env: Effects) async throws
    -> SharingAgreement
  {
    guard case .changeDocumentSharing(let team) = permit.action else { throw CareError.forbidden }
    let actor = permit.requester.account.id
    return try await write { db in
      guard let row = try await SharingAgreementRow.find(id.rawValue, on: db),
        row.personID == team.personID.rawValue
      else { throw CareError.notFound }
      guard row.endedAt == nil else {
        throw CareError.conflict(FieldError("agreement", "This agreement has been ended already"))
      }
      (row.endedAt, row.endedBy) = (env.now(), actor.rawValue)
      try await row.update(on: db)
      let name = try await AccountRow.find(row.professionalID, on: db)?.name ?? "a professional"
      try await Self.append(
        .endSharing, coop: permit.coopID, actor: actor, onBehalfOf: permit.onBehalfOf, person: team.personID,
        detail: "with \(name)", env: env, on: db)
      return try row.value
    }
  }

  // MARK: - Reading and writing

  static func inForce(_ person: ID<Person>, _ professional: ID<Account>, on db: any Database) async throws
    -> [SharingAgreementRow]
  {
    try await SharingAgreementRow.query(on: db).filter(\.$personID == person.rawValue)
      .filter(\.$professionalID == professional.rawValue).filter(\.$endedAt == nil).all()
  }

  static func name(_ named: Set<ID<Account>>, document: UUID, env: Effects, on db: any Database) async throws {
    for account in named.sorted(by: { $0.rawValue.uuidString < $1.rawValue.uuidString }) {
      let row = DocumentNamedRow()
      (row.id, row.documentID, row.accountID) = (env.newID(), document, account.rawValue)
      try await row.create(on: db)
    }
  }

  static func addVersion(
    _ file: KeptDocumentFile, number: Int, document: DocumentRow, actor: ID<Account>, env: Effects,
    on db: any Database
  ) async throws {
    let row = DocumentVersionRow()
    (row.id, row.documentID, row.personID, row.number) = (file.id, document.id!, document.personID, number)
    (row.fileName, row.contentType, row.bytes, row.sha256) = (
      file.fileName, file.contentType, Int64(file.bytes), file.sha256
    )
    (row.note, row.addedBy, row.addedAt) = (file.note, actor.rawValue, env.now())
    try await row.create(on: db)
    try await Dialect(db).index(
      person: document.personID, document: document.id, section: nil, version: number,
      body: "\(document.title) \(file.fileName)")
  }

  static func documents(_ person: ID<Person>, only: ID<PersonDocument>?, on db: any Database) async throws
    -> [PersonDocument]
  {
    var query = DocumentRow.query(on: db).filter(\.$personID == person.rawValue)
    if let only { query = query.filter(\.$id == only.rawValue) }
    let rows = try await query.sort(\.$addedAt).sort(\.$id).all()
    guard !rows.isEmpty else { return [] }
    let ids = rows.compactMap(\.id)
    let versions = try await DocumentVersionRow.query(on: db).filter(\.$documentID ~~ ids).sort(\.$number).all()
    let named = try await DocumentNamedRow.query(on: db).filter(\.$documentID ~~ ids).all()
    let versionsOf = Dictionary(grouping: versions, by: \.documentID)
    let namedOf = Dictionary(grouping: named, by: \.documentID)
    return try rows.map { row in
      PersonDocument(
        id: ID(row.id!), personID: person, title: row.title,
        kind: try StoreError.known(DocumentKind(rawValue: row.kind), "documents.kind", row.kind),
        visibility: try StoreError.known(
          DocumentVisibility(rawValue: row.visibility), "documents.visibility", row.visibility),
        named: Set((namedOf[row.id!] ?? []).map { ID($0.accountID) }), addedBy: ID(row.addedBy),
        addedAt: row.addedAt, versions: (versionsOf[row.id!] ?? []).map(\.value))
    }
  }
}
