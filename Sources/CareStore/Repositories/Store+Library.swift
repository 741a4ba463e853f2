import CareCore
import FluentKit
import Foundation

final class LibraryDocumentRow: Model, @unchecked Sendable {
  static let schema = "library_documents"
  @IDProperty<LibraryDocumentRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @OptionalField(key: "circle_id") var circleID: UUID?
  @Field(key: "title") var title: String
  @Field(key: "kind") var kind: String
  @Field(key: "audience") var audience: String
  @Field(key: "added_by") var addedBy: UUID
  @Field(key: "added_at") var addedAt: Date
  init() {}
}

final class LibraryVersionRow: Model, @unchecked Sendable {
  static let schema = "library_versions"
  @IDProperty<LibraryVersionRow, UUID>(key: .id) var id: UUID?
  @Field(key: "document_id") var documentID: UUID
  @Field(key: "number") var number: Int
  @Field(key: "file_name") var fileName: String
  @Field(key: "content_type") var contentType: String
  @Field(key: "bytes") var bytes: Int64
  @Field(key: "sha256") var sha256: String
  @Field(key: "note") var note: String
  @Field(key: "added_by") var addedBy: UUID
  @Field(key: "added_at") var addedAt: Date
  init() {}

  var value: LibraryVersion {
    LibraryVersion(
      id: CareCore.ID(id!), number: number, fileName: fileName, contentType: contentType, bytes: Int(bytes),
      sha256: sha256, note: note, addedBy: CareCore.ID(addedBy), addedAt: addedAt)
  }
}

/// The co-op's library and its circles': documents on shelves, with their versions (append-only, each number
/// once). Reads return the co-op's whole library: the use cases keep back what a reader's audience does not
/// include.
extension Store {
  public func libraryDocuments(permit: Permit) async throws -> [LibraryDocument] {
    try Self.check(permit, anyOf: [.viewLibrary])
    return try await Self.library(permit.coopID, only: nil, on: db)
  }

  public func libraryDocument(_ id: ID<LibraryDocument>, permit: Permit) async throws -> LibraryDocument? {
    try Self.check(permit, anyOf: [.viewLibrary, .addToLibrary])
    return try await Self.library(permit.coopID, only: id, on: db).first
  }

  /// Which co-op and shelf a document is on: what the policy decides on, before a permit exists.
  public func libraryShelf(_ id: ID<LibraryDocument>) async throws -> (coop: ID<Coop>, circle: ID<Circle>?)? {
    guard let row = try await LibraryDocumentRow.find(id.rawValue, on: db) else { return nil }
    return (CareCore.ID(row.coopID), row.circleID.map(CareCore.ID.init))
  }

  /// Keeps a new document on the shelf the permit is for, with its first version.
  public func addLibraryDocument(_ new: NewLibraryDocument.Valid, file: KeptDocumentFile, permit: Permit, env: Effects)
    async throws -> LibraryDocument
  {
    guard case .addToLibrary(let coop, let circle) = permit.action, circle == new.circleID else {
      throw CareError.forbidden
    }
    let actor = permit.requester.account.id
    return try await write { db in
      let row = LibraryDocumentRow()
      (row.id, row.coopID, row.circleID, row.title) = (env.newID(), coop.rawValue, circle?.rawValue, new.title)
      (row.kind, row.audience, row.addedBy, row.addedAt) = (
        new.kind.rawValue, new.audience.rawValue, actor.rawValue, env.now()
      )
      try await row.create(on: db)
      try await Self.addLibraryVersion(file, number: 1, document: row.id!, actor: actor, env: env, on: db)
      try await Self.append(
        .addToLibrary, coop: coop, actor: actor, onBehalfOf: nil, person: nil,
        detail: "“\(new.title)” (\(new.kind.label.lowercased())), read by: \(new.audience.label.lowercased())",
        env: env, on: db)
      return try await Self.library(coop, only: ID(row.id!), on: db)[0]
    }
  }

  /// Keeps a new version (the next number; two at once cannot both take it).
  public func addLibraryVersion(_ id: ID<LibraryDocument>, file: KeptDocumentFile, permit: Permit, env: Effects)
    async throws -> LibraryDocument
  {
    guard case .addToLibrary(let coop, let circle) = permit.action else { throw CareError.forbidden }
    let actor = permit.requester.account.id
    return try await writeChecked(
      conflict: FieldError("file", "Someone added a version at the same moment: look again")
    ) { db in
      guard let row = try await LibraryDocumentRow.find(id.rawValue, on: db), row.coopID == coop.rawValue,
        row.circleID == circle?.rawValue
      else { throw CareError.notFound }
      let last = try await LibraryVersionRow.query(on: db).filter(\.$documentID == id.rawValue).max(\.$number) ?? 0
      try await Self.addLibraryVersion(file, number: last + 1, document: id.rawValue, actor: actor, env: env, on: db)
      try await Self.append(
        .addLibraryVersion, coop: coop, actor: actor, onBehalfOf: nil, person: nil,
        detail: "“\(row.title)”, version \(last + 1)", env: env, on: db)
      return try await Self.library(coop, only: id, on: db)[0]
    }
  }

  private static func addLibraryVersion(
    _ file: KeptDocumentFile, number: Int, document: UUID, actor: ID<Account>, env: Effects, on db: any Database
  ) async throws {
    let row = LibraryVersionRow()
    (row.id, row.documentID, row.number, row.fileName) = (file.id, document, number, file.fileName)
    (row.contentType, row.bytes, row.sha256, row.note) = (file.contentType, Int64(file.bytes), file.sha256, file.note)
    (row.addedBy, row.addedAt) = (actor.rawValue, env.now())
    try await row.create(on: db)
  }

  static func library(_ coop: ID<Coop>, only: ID<LibraryDocument>?, on db: any Database) async throws
    -> [LibraryDocument]
  {
    var query = LibraryDocumentRow.query(on: db).filter(\.$coopID == coop.rawValue)
    if let only { query = query.filter(\.$id == only.rawValue) }
    let rows = try await query.sort(\.$addedAt).sort(\.$id).all()
    guard !rows.isEmpty else { return [] }
    let versions = Dictionary(
      grouping: try await LibraryVersionRow.query(on: db).filter(\.$documentID ~~ rows.compactMap(\.id)).all(),
      by: \.documentID)
    return try rows.map { row in
      LibraryDocument(
        id: CareCore.ID(row.id!), coopID: coop, circleID: row.circleID.map(CareCore.ID.init), title: row.title,
        kind: try StoreError.known(LibraryKind(rawValue: row.kind), "library_documents.kind", row.kind),
        audience: try StoreError.known(
          LibraryAudience(rawValue: row.audience), "library_documents.audience", row.audience),
        addedBy: CareCore.ID(row.addedBy), addedAt: row.addedAt, versions: (versions[row.id!] ?? []).map(\.value))
    }
  }
}
