import CareCases
import CareCore
import Foundation
import Plot

private func when(_ date: Date) -> String { CoopCalendar.london.day(of: date).longText }

private func noticeNode(_ notice: LibraryController.Notice?) -> Node<HTML.BodyContext> {
  .unwrap(notice) { notice in
    .p(
      .class("notice"), .attribute(named: "role", value: "status"),
      .text(
        notice == .added
          ? "Kept: the document is in the library." : "Kept: the new version is the one people open first."))
  }
}

/// The co-op's library: the co-op's shelf (policies, guidance, the members' minutes), then each circle's,
/// newest first; and, for those who keep a shelf, the form to add a document to it. The upload form's token
/// comes first and its file last, so the server decides before a byte is kept.
struct LibraryPage: PageView {
  let layout: Layout
  let model: LibraryModel
  let state: FormState
  let notice: LibraryController.Notice?

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1("The co-op's library"),
      noticeNode(notice),
      .p(
        .class("lead"),
        .text(
          "Policies, guidance, forms and the minutes of meetings: the co-op's own, and each circle's. Minutes "
            + "for members are shown to members.")),
      .forEach(model.shelves) { shelf in
        .section(
          .attribute(named: "aria-labelledby", value: "shelf-\(shelf.value)"),
          .h2(.id("shelf-\(shelf.value)"), .text(shelf.name)),
          shelf.documents.isEmpty
            ? .p(.class("hint"), "Nothing here yet.")
            : .ul(
              .class("goal-steps"),
              .forEach(shelf.documents) { document in
                .li(
                  .a(.href(SiteURL.libraryDocument(.value(document.id)).path), .text(document.title)),
                  .text(
                    " — \(document.kind.label). "
                      + (document.latest.map { "Version \($0.number), \(when($0.addedAt))." } ?? "")
                      + (document.audience == .members ? " For members." : "")))
              }))
      },
      .if(model.mayAdd, uploadForm))
  }

  var uploadForm: Node<HTML.BodyContext> {
    .section(
      .class("no-print"), .attribute(named: "aria-labelledby", value: "add-title"),
      .h2(.id("add-title"), "Add a document"),
      .form(
        .action(SiteURL.library.path), .method(.post), .enctype(.multipartData), .attribute(named: "novalidate"),
        Forms.csrf(layout.csrf),
        Forms.text("title", label: "Its title", hint: "Like “Safeguarding policy, 2026”.", state: state),
        Forms.radios(
          "kind", legend: "What kind of document is it?",
          options: LibraryKind.allCases.map { ($0.rawValue, $0.label, nil) }, state: state),
        Forms.radios(
          "shelf", legend: "Which shelf?",
          options: model.shelves.filter(\.mayAdd).map { ($0.value, $0.name, nil) }, state: state),
        Forms.radios(
          "audience", legend: "Who may read it?",
          options: LibraryAudience.allCases.map { ($0.rawValue, $0.label, nil) }, state: state),
        fileField(state, label: "The file"),
        Forms.submit("Add the document")))
  }
}

/// One library document: where it is, its versions (the latest first to open), and a new version for those
/// who keep its shelf.
struct LibraryDocumentPage: PageView {
  let layout: Layout
  let model: LibraryDocumentModel
  let state: FormState
  let notice: LibraryController.Notice?

  var document: LibraryDocument { model.document }

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1(.text(document.title)),
      noticeNode(notice),
      .p(
        .class("lead"),
        .text("\(document.kind.label), on the shelf of \(model.shelfName). Read by: \(document.audience.label).")),
      .unwrap(document.latest) { latest in
        .p(
          .a(
            .class("button"), .href(SiteURL.libraryFile(.value(document.id), .value(latest.number)).path),
            .attribute(named: "download", value: latest.fileName),
            .text("Open the latest version (\(latest.fileName), \(latest.sizeText))")))
      },
      .h2("Versions"),
      versionsTable(
        document.versions.reversed().map {
          VersionRow(
            number: $0.number, fileName: $0.fileName, sizeText: $0.sizeText,
            link: .libraryFile(.value(document.id), .value($0.number)),
            added: "\(when($0.addedAt)), by \(model.name($0.addedBy))", note: $0.note)
        }),
      .if(
        model.mayAddVersion,
        .section(
          .class("no-print"), .attribute(named: "aria-labelledby", value: "version-title"),
          .h2(.id("version-title"), "Add a new version"),
          .form(
            .action(SiteURL.libraryVersions(.value(document.id)).path), .method(.post), .enctype(.multipartData),
            .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
            Forms.text("note", label: "What changed (optional)", hint: "Like “Reviewed by the board”.", state: state),
            fileField(state, label: "The new version's file"),
            Forms.submit("Add the version")))))
  }
}
