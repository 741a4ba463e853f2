import CareCore
import CareStore
import Foundation

/// The co-op's library as the reader may see it: the co-op's shelf and each circle's, and where they may add.
public struct LibraryModel: Sendable {
  public struct Shelf: Sendable {
    /// Nil: the co-op's own shelf.
    public let circle: Circle?
    /// Newest first, only those the reader's audience includes.
    public let documents: [LibraryDocument]
    public let mayAdd: Bool

    public var name: String { circle.map { "\($0.name) circle" } ?? "The co-op" }
    /// The shelf's value in a form (`coop`, or the circle's id).
    public var value: String { circle?.id.description ?? "coop" }
  }

  public let shelves: [Shelf]
  public let names: [ID<Account>: String]

  public var mayAdd: Bool { shelves.contains(where: \.mayAdd) }
  public func name(_ id: ID<Account>) -> String { names[id] ?? "someone" }
}

/// One library document: its versions, its shelf, and whether the reader may add a version.
public struct LibraryDocumentModel: Sendable {
  public let document: LibraryDocument
  public let shelfName: String
  public let mayAddVersion: Bool
  public let names: [ID<Account>: String]

  public func name(_ id: ID<Account>) -> String { names[id] ?? "someone" }
}

/// One library version's bytes to send.
public struct LibraryContent: Sendable {
  public let document: LibraryDocument
  public let version: LibraryVersion
  public let total: Int
  public let chunks: AsyncThrowingStream<[UInt8], any Error>
}

/// The co-op's library and its circles': policies, minutes, guidance and forms everyone who should can reach.
/// Administrators and the registered manager keep the co-op's shelf; a circle's workers and hats keep its
/// own. A document for members only is, to anyone else, not there at all. Uploads stream to the same file
/// storage as the person's documents, with the same checks and limits.
extension Cases {
  public func library(by requester: Requester) async throws -> LibraryModel {
    let permit = try AccessPolicy.permit(requester, .viewLibrary(coop: requester.coopID))
    let all = try await store.libraryDocuments(permit: permit).filter { $0.isRead(by: requester) }
    let circles = try await store.circles(coop: requester.coopID).sorted { $0.name < $1.name }
    let shelves =
      [
        LibraryModel.Shelf(
          circle: nil, documents: all.filter { $0.circleID == nil }.reversed(), mayAdd: mayAdd(requester, nil))
      ]
      + circles.map { circle in
        LibraryModel.Shelf(
          circle: circle, documents: all.filter { $0.circleID == circle.id }.reversed(),
          mayAdd: mayAdd(requester, circle.id))
      }
    let ids = Set(all.flatMap { [$0.addedBy] + $0.versions.map(\.addedBy) })
    return LibraryModel(shelves: shelves, names: try await store.accountNames(Array(ids)))
  }

  public func libraryDocument(_ id: ID<LibraryDocument>, by requester: Requester) async throws
    -> LibraryDocumentModel
  {
    let document = try await readableLibraryDocument(id, by: requester)
    var shelf = "the co-op"
    if let circle = document.circleID {
      let name = try await store.circles(coop: requester.coopID).first { $0.id == circle }?.name
      shelf = name.map { "the \($0) circle" } ?? "a circle"
    }
    let ids = Set([document.addedBy] + document.versions.map(\.addedBy))
    return LibraryDocumentModel(
      document: document, shelfName: shelf, mayAddVersion: mayAdd(requester, document.circleID),
      names: try await store.accountNames(Array(ids)))
  }

  /// Whether the requester may add to any shelf at all: asked before an upload form's body is read (the
  /// shelf it names is checked before a byte of the file is).
  public func checkMayAddToLibrary(by requester: Requester) async throws {
    let circles = try await store.circles(coop: requester.coopID)
    guard mayAdd(requester, nil) || circles.contains(where: { mayAdd(requester, $0.id) }) else {
      throw CareError.forbidden
    }
  }

  /// Whether the requester may add to this shelf (`coop` or a circle's id; anything else is checked with the
  /// rest of the details): asked before an upload's body is read.
  public func checkMayAddToLibrary(shelf: String?, by requester: Requester) async throws {
    guard let shelf, shelf == "coop" || ID<Circle>(string: shelf) != nil else { return }
    _ = try AccessPolicy.permit(requester, .addToLibrary(coop: requester.coopID, circle: ID<Circle>(string: shelf)))
  }

  /// Whether the requester may add a version to this document (they read it, and keep its shelf).
  public func checkMayAddLibraryVersion(_ id: ID<LibraryDocument>, by requester: Requester) async throws {
    let document = try await readableLibraryDocument(id, by: requester)
    _ = try AccessPolicy.permit(requester, .addToLibrary(coop: requester.coopID, circle: document.circleID))
  }

  /// Keeps a new document: its details and shelf are right and the requester keeps that shelf (before a byte
  /// is read), the file's name is plain, then the bytes stream to storage (a PDF or a picture, 25 MB at most).
  @discardableResult
  public func addLibraryDocument<Chunks: AsyncSequence & Sendable>(
    _ new: NewLibraryDocument, fileName: String?, note: String? = nil, chunks: Chunks, by requester: Requester
  ) async throws -> LibraryDocument where Chunks.Element == [UInt8] {
    let circles = Set(try await store.circles(coop: requester.coopID).map(\.id))
    // Every problem with what was typed at once: the details and shelf, and the file's name.
    let valid = Result { try new.validated(circles: circles) }
    let details = Result { try Self.fileDetails(fileName, note) }
    let problems = [valid.problems, details.problems].flatMap { $0 }
    guard problems.isEmpty, case .success(let valid) = valid, case .success(let (name, note)) = details else {
      throw CareError.invalid(problems)
    }
    let permit = try AccessPolicy.permit(requester, .addToLibrary(coop: requester.coopID, circle: valid.circleID))
    let upload = try await keepDocumentBytes(chunks)
    do {
      return try await store.addLibraryDocument(valid, file: kept(upload, name, note), permit: permit, env: effects)
    } catch {
      try? await files.delete(upload.id)
      throw error
    }
  }

  @discardableResult
  public func addLibraryVersion<Chunks: AsyncSequence & Sendable>(
    _ id: ID<LibraryDocument>, fileName: String?, note: String?, chunks: Chunks, by requester: Requester
  ) async throws -> LibraryDocument where Chunks.Element == [UInt8] {
    let document = try await readableLibraryDocument(id, by: requester)
    let permit = try AccessPolicy.permit(requester, .addToLibrary(coop: requester.coopID, circle: document.circleID))
    let (name, note) = try Self.fileDetails(fileName, note)
    let upload = try await keepDocumentBytes(chunks)
    do {
      return try await store.addLibraryVersion(id, file: kept(upload, name, note), permit: permit, env: effects)
    } catch {
      try? await files.delete(upload.id)
      throw error
    }
  }

  /// One version's bytes (the latest when `number` is nil), for a reader the document's audience includes.
  public func libraryContent(_ id: ID<LibraryDocument>, version number: Int?, by requester: Requester)
    async throws -> LibraryContent
  {
    let document = try await readableLibraryDocument(id, by: requester)
    guard let version = number.map({ n in document.versions.first { $0.number == n } }) ?? document.latest,
      let read = try await files.read(version.id.rawValue, range: nil)
    else { throw CareError.notFound }
    return LibraryContent(document: document, version: version, total: read.total, chunks: read.chunks)
  }

  /// The document, for a reader in its co-op whose audience it includes; anyone else: not found.
  func readableLibraryDocument(_ id: ID<LibraryDocument>, by requester: Requester) async throws -> LibraryDocument {
    guard let shelf = try await store.libraryShelf(id), shelf.coop == requester.coopID else {
      throw CareError.notFound
    }
    let permit = try AccessPolicy.permit(requester, .viewLibrary(coop: shelf.coop))
    guard let document = try await store.libraryDocument(id, permit: permit), document.isRead(by: requester) else {
      throw CareError.notFound
    }
    return document
  }

  func mayAdd(_ requester: Requester, _ circle: ID<Circle>?) -> Bool {
    allows(requester, .addToLibrary(coop: requester.coopID, circle: circle))
  }
}

extension Result where Failure == any Error {
  /// The field problems of a refused input (none when it was accepted).
  fileprivate var problems: [FieldError] {
    if case .failure(CareError.invalid(let errors)) = self { return errors }
    return []
  }
}
