import CareCore
import CareStore
import Foundation

/// The person's documents library as the reader may see it, and what the reader may do.
public struct DocumentsModel: Sendable {
  public let team: Team
  /// The documents the reader may see, newest first.
  public let documents: [PersonDocument]
  /// The person's sharing agreements (all of them for the person and their arranger; a professional sees
  /// their own).
  public let agreements: [SharingAgreement]
  public let mayAdd: Bool
  /// The person, or their arranger: who sees what, and the agreements with professionals.
  public let mayShare: Bool
  public let names: [ID<Account>: String]

  public var personName: String { team.personAccount.name }
  public func name(_ id: ID<Account>) -> String { names[id] ?? "someone no longer in the team" }
  /// The people in the team a document can be shown to by name (not the person: they always see).
  public var members: [Team.Entry] { team.active }
  /// The professionals in the team, who see documents only under a sharing agreement.
  public var professionals: [Team.Entry] { team.active.filter { $0.membership.relationship == .professional } }
  public var agreementsInForce: [SharingAgreement] { agreements.filter { $0.endedAt == nil } }
}

/// One document as the reader may see it: every version, who sees it, and what the reader may do.
public struct DocumentModel: Sendable {
  public let team: Team
  public let document: PersonDocument
  public let mayAddVersion: Bool
  public let mayShare: Bool
  /// Who sees it now, by name (the person and their arrangers first).
  public let seenBy: [String]
  public let names: [ID<Account>: String]

  public var personName: String { team.personAccount.name }
  public func name(_ id: ID<Account>) -> String { names[id] ?? "someone no longer in the team" }
  public var members: [Team.Entry] { team.active }
}

/// The first step of changing who sees a document: what would change, for the person to confirm.
public struct VisibilityPreview: Sendable {
  public let model: DocumentModel
  public let visibility: DocumentVisibility
  public let named: Set<ID<Account>>
  /// Who would start to see it, and who would no longer, by name.
  public let gains: [String]
  public let loses: [String]
}

/// One version's bytes to send.
public struct DocumentContent: Sendable {
  public let document: PersonDocument
  public let version: DocumentVersion
  public let total: Int
  public let chunks: AsyncThrowingStream<[UInt8], any Error>
}

/// Documents the person controls: a library per person, each document with versions and a visibility the
/// person sets (in two steps: see what changes, then confirm), professionals only under the person's sharing
/// agreement; uploads stream to file storage with the media's checks; every look and download is in the
/// person's who-looked log; a document the reader may not see is not found, exactly as one that does not
/// exist.
extension Cases {
  static let documentTypes: Set<MediaType> = [.pdf, .jpeg, .png, .webp]

  public func documents(_ personID: ID<Person>, by requester: Requester) async throws -> DocumentsModel {
    let (team, permit) = try await team(personID, for: requester) { .viewDocuments($0) }
    let agreements = try await store.sharingAgreements(permit: permit)
    let visible = try await store.documents(permit: permit).filter { seen($0, by: requester, team, agreements) }
    try await store.logDocumentLook(
      permit: permit, download: false, detail: "the documents (\(visible.count))", env: effects)
    let facts = TeamFacts(team)
    let mayShare = allows(requester, .changeDocumentSharing(facts))
    let shown = mayShare ? agreements : agreements.filter { $0.professionalID == requester.account.id }
    let ids = Set(visible.flatMap { [$0.addedBy] + $0.versions.map(\.addedBy) } + shown.map(\.madeBy))
    return DocumentsModel(
      team: team, documents: visible.reversed(), agreements: shown, mayAdd: allows(requester, .addDocument(facts)),
      mayShare: mayShare, names: try await names(ids, team))
  }

  /// One document, for a reader its visibility admits; its look goes in the person's who-looked log.
  public func document(_ id: ID<PersonDocument>, by requester: Requester) async throws -> DocumentModel {
    let (model, permit, _) = try await readable(id, by: requester)
    try await store.logDocumentLook(permit: permit, download: false, detail: "“\(model.document.title)”", env: effects)
    return model
  }

  /// Whether the requester may add documents for the person: asked before an upload's body is read.
  public func checkMayAddDocument(_ personID: ID<Person>, by requester: Requester) async throws {
    _ = try await team(personID, for: requester) { .addDocument($0) }
  }

  /// Whether the requester may add a version to this document (they may add documents and see it): asked
  /// before an upload's body is read.
  public func checkMayAddDocumentVersion(_ id: ID<PersonDocument>, by requester: Requester) async throws {
    _ = try await versionPermit(id, by: requester)
  }

  /// The permit to add a version: the document is one the requester may see (its team read once, for both).
  private func versionPermit(_ id: ID<PersonDocument>, by requester: Requester) async throws -> Permit {
    let (model, _, _) = try await readable(id, by: requester)
    return try AccessPolicy.permit(requester, .addDocument(TeamFacts(model.team)))
  }

  /// Whether the requester may set who sees this document (they see it, and may say who sees the person's
  /// documents): asked before a body is read.
  public func checkMayChangeDocumentVisibility(_ id: ID<PersonDocument>, by requester: Requester) async throws {
    let (model, _, _) = try await readable(id, by: requester)
    _ = try AccessPolicy.permit(requester, .changeDocumentSharing(TeamFacts(model.team)))
  }

  /// Whether the requester may set who sees the person's documents: asked before a body is read.
  public func checkMayShareDocuments(_ personID: ID<Person>, by requester: Requester) async throws {
    _ = try await team(personID, for: requester) { .changeDocumentSharing($0) }
  }

  /// Keeps a new document: the details are right (before a byte is read), the file's name is a plain name,
  /// the bytes stream to storage (a PDF or a picture, 25 MB at most), then the rows. Anything refused leaves
  /// no file behind.
  @discardableResult
  public func addDocument<Chunks: AsyncSequence & Sendable>(
    _ new: NewDocument, fileName: String?, note: String? = nil, person personID: ID<Person>, chunks: Chunks,
    by requester: Requester
  ) async throws -> PersonDocument where Chunks.Element == [UInt8] {
    let (team, permit) = try await team(personID, for: requester) { .addDocument($0) }
    // Every problem with what was typed at once: the details, and the file's name.
    var problems: [FieldError] = []
    var checked: (NewDocument.Valid, String, String)?
    do {
      let valid = try new.validated()
      try Self.checkNamed(valid.named, in: team)
      checked = (valid, "", "")
    } catch CareError.invalid(let errors) { problems += errors }
    do {
      let (name, note) = try Self.fileDetails(fileName, note)
      checked = checked.map { ($0.0, name, note) }
    } catch CareError.invalid(let errors) { problems += errors }
    guard problems.isEmpty, let (valid, name, note) = checked else { throw CareError.invalid(problems) }
    let upload = try await keepDocumentBytes(chunks)
    do {
      return try await store.addDocument(valid, file: kept(upload, name, note), permit: permit, env: effects)
    } catch {
      try? await files.delete(upload.id)
      throw error
    }
  }

  /// Keeps a new version of a document the requester may see (the same checks as a new document).
  @discardableResult
  public func addDocumentVersion<Chunks: AsyncSequence & Sendable>(
    _ id: ID<PersonDocument>, fileName: String?, note: String?, chunks: Chunks, by requester: Requester
  ) async throws -> PersonDocument where Chunks.Element == [UInt8] {
    let permit = try await versionPermit(id, by: requester)
    let (name, note) = try Self.fileDetails(fileName, note)
    let upload = try await keepDocumentBytes(chunks)
    do {
      return try await store.addDocumentVersion(id, file: kept(upload, name, note), permit: permit, env: effects)
    } catch {
      try? await files.delete(upload.id)
      throw error
    }
  }

  /// The first of the two steps of changing who sees a document: checks the choice and says who would start
  /// to see it and who would no longer. Nothing is changed.
  public func previewDocumentVisibility(
    _ id: ID<PersonDocument>, visibility: String?, named: [String], by requester: Requester
  ) async throws -> VisibilityPreview {
    let (model, _, agreements) = try await readable(id, by: requester)
    let choice = try await visibilityChoice(model, visibility, named, requester)
    let document = model.document
    let before = seers(model.team, document.kind, document.visibility, document.named, agreements)
    let after = seers(model.team, document.kind, choice.visibility, choice.named, agreements)
    return VisibilityPreview(
      model: model, visibility: choice.visibility, named: choice.named,
      gains: after.subtracting(before).map { model.team.name($0) }.sorted(),
      loses: before.subtracting(after).map { model.team.name($0) }.sorted())
  }

  /// The second step: sets who sees the document.
  @discardableResult
  public func setDocumentVisibility(
    _ id: ID<PersonDocument>, visibility: String?, named: [String], by requester: Requester
  ) async throws -> PersonDocument {
    let (model, _, _) = try await readable(id, by: requester)
    let choice = try await visibilityChoice(model, visibility, named, requester)
    return try await store.setDocumentVisibility(
      id, choice.visibility, named: choice.named, permit: choice.permit, env: effects)
  }

  /// Records the person's agreement to share documents of some kinds with a professional in their team,
  /// until a day or until ended; it replaces one in force with the same professional.
  @discardableResult
  public func recordSharingAgreement(
    _ personID: ID<Person>, professional: String?, kinds: [String], until: String?, by requester: Requester
  ) async throws -> SharingAgreement {
    let (team, permit) = try await team(personID, for: requester) { .changeDocumentSharing($0) }
    var v = Validator()
    let pro = professional.flatMap(UUID.init(uuidString:)).map(ID<Account>.init)
    let isProfessional = team.active.contains {
      $0.account.id == pro && $0.membership.relationship == .professional
    }
    if !isProfessional { v.add("professional", "Choose a professional in your team") }
    let chosen = Set(kinds.compactMap(DocumentKind.init(rawValue:)))
    if chosen.isEmpty || chosen.count != Set(kinds).count {
      v.add("kinds", "Choose at least one kind of document to share")
    }
    let day = v.day(until, field: "until", label: "the last day it covers", required: false)
    if let day, day < today { v.add("until", "The last day it covers cannot be before today") }
    try v.check()
    return try await store.recordSharingAgreement(
      SharingTerms(professionalID: pro!, kinds: chosen, until: day), permit: permit, env: effects)
  }

  /// Ends a sharing agreement now: from this moment the professional sees none of the documents it covered.
  @discardableResult
  public func endSharingAgreement(_ personID: ID<Person>, agreement: ID<SharingAgreement>, by requester: Requester)
    async throws -> SharingAgreement
  {
    let (_, permit) = try await team(personID, for: requester) { .changeDocumentSharing($0) }
    return try await store.endSharingAgreement(agreement, permit: permit, env: effects)
  }

  /// One version's bytes (the latest when `number` is nil), for a reader the document's visibility admits;
  /// the download goes in the person's who-looked log.
  public func documentContent(_ id: ID<PersonDocument>, version number: Int?, by requester: Requester)
    async throws -> DocumentContent
  {
    let (model, permit, _) = try await readable(id, by: requester)
    let document = model.document
    guard let version = number.map({ n in document.versions.first { $0.number == n } }) ?? document.latest,
      let read = try await files.read(version.id.rawValue, range: nil)
    else { throw CareError.notFound }
    try await store.logDocumentLook(
      permit: permit, download: true, detail: "“\(document.title)”, version \(version.number)", env: effects)
    return DocumentContent(document: document, version: version, total: read.total, chunks: read.chunks)
  }

  // MARK: - The one rule, applied

  /// The document and the permit to read it, for a reader its visibility admits; anyone else: not found.
  func readable(_ id: ID<PersonDocument>, by requester: Requester) async throws
    -> (DocumentModel, Permit, [SharingAgreement])
  {
    guard let owner = try await store.documentOwner(id) else { throw CareError.notFound }
    // Someone who sees the team but not its documents (the rota keeper) learns nothing of a document either.
    let (team, permit): (Team, Permit)
    do {
      (team, permit) = try await self.team(owner, for: requester) { .viewDocuments($0) }
    } catch CareError.forbidden {
      throw CareError.notFound
    }
    let agreements = try await store.sharingAgreements(permit: permit)
    guard let document = try await store.document(id, permit: permit), seen(document, by: requester, team, agreements)
    else { throw CareError.notFound }
    let facts = TeamFacts(team)
    let seenBy = seers(team, document.kind, document.visibility, document.named, agreements)
    let ids = Set([document.addedBy] + document.versions.map(\.addedBy))
    let model = DocumentModel(
      team: team, document: document, mayAddVersion: allows(requester, .addDocument(facts)),
      mayShare: allows(requester, .changeDocumentSharing(facts)),
      seenBy: [team.personAccount.name] + seenBy.subtracting([team.personAccount.id]).map { team.name($0) }.sorted(),
      names: try await names(ids, team))
    return (model, permit, agreements)
  }

  func seen(_ document: PersonDocument, by requester: Requester, _ team: Team, _ agreements: [SharingAgreement])
    -> Bool
  {
    DocumentAccess.admits(
      requester, team: team, kind: document.kind, visibility: document.visibility, named: document.named,
      agreements: agreements, on: today)
  }

  /// The people in the team (and the person) who would see a document so set.
  func seers(
    _ team: Team, _ kind: DocumentKind, _ visibility: DocumentVisibility, _ named: Set<ID<Account>>,
    _ agreements: [SharingAgreement]
  ) -> Set<ID<Account>> {
    var ids: Set<ID<Account>> = [team.personAccount.id]
    for entry in team.active {
      let member = Requester(account: entry.account, memberClass: nil, circleIDs: [], hats: [])
      if DocumentAccess.admits(
        member, team: team, kind: kind, visibility: visibility, named: named, agreements: agreements, on: today)
      {
        ids.insert(entry.account.id)
      }
    }
    return ids
  }

  private func visibilityChoice(
    _ model: DocumentModel, _ visibility: String?, _ named: [String], _ requester: Requester
  ) async throws -> (permit: Permit, visibility: DocumentVisibility, named: Set<ID<Account>>) {
    let permit = try AccessPolicy.permit(requester, .changeDocumentSharing(TeamFacts(model.team)))
    if permit.override != nil { try await store.recordOverrideUse(permit, env: effects) }
    guard let choice = visibility.flatMap(DocumentVisibility.init(rawValue:)) else {
      throw CareError.invalid("visibility", "Choose who may see it")
    }
    let people = Set(named.compactMap(UUID.init(uuidString:)).map(ID<Account>.init))
    if people.count != Set(named).count { throw CareError.invalid("named", "Choose people from your team") }
    if choice == .named && people.isEmpty {
      throw CareError.invalid("named", "Choose at least one person to show it to")
    }
    try Self.checkNamed(choice == .named ? people : [], in: model.team)
    return (permit, choice, choice == .named ? people : [])
  }

  static func checkNamed(_ named: Set<ID<Account>>, in team: Team) throws {
    let members = Set(team.active.map(\.account.id))
    if !named.isSubset(of: members) { throw CareError.invalid("named", "Choose people from your team") }
  }

  static func fileDetails(_ fileName: String?, _ note: String?) throws -> (String, String) {
    let name = try DocumentFileName.validated(fileName)
    var v = Validator()
    let note = v.text(note, field: "note", label: "the note", required: false, max: PersonDocument.longestNote)
    try v.check()
    return (name, note)
  }

  func keepDocumentBytes<Chunks: AsyncSequence & Sendable>(_ chunks: Chunks) async throws -> Upload
  where Chunks.Element == [UInt8] {
    try await Upload.keep(
      chunks, in: files, id: effects.newID(), accepts: Self.documentTypes, limit: PersonDocument.limit,
      what: "a document", limitText: PersonDocument.limitText, acceptsText: PersonDocument.acceptsText)
  }

  func kept(_ upload: Upload, _ name: String, _ note: String) -> KeptDocumentFile {
    KeptDocumentFile(
      id: upload.id, fileName: name, contentType: upload.type.mime, bytes: upload.stored.bytes,
      sha256: upload.stored.sha256, note: note)
  }

  private func names(_ ids: Set<ID<Account>>, _ team: Team) async throws -> [ID<Account>: String] {
    var names = try await store.accountNames(Array(ids))
    for entry in team.active { names[entry.account.id] = entry.account.name }
    names[team.personAccount.id] = team.personAccount.name
    return names
  }
}

extension Team {
  /// A team member's (or the person's) name, or "someone" when not in the team.
  func name(_ id: ID<Account>) -> String {
    if id == personAccount.id { return personAccount.name }
    return entries.first { $0.account.id == id }?.account.name ?? "someone"
  }
}
