import CareCases
import CareCore
import Plot

struct HatsPage: PageView {
  let layout: Layout
  let hats: [HatSummary]

  var body: Node<HTML.BodyContext> {
    .group(
      .h1("Hats"),
      .p("A hat is a job someone does for the circle or the co-op, for a term. Anyone can wear one."),
      .ul(
        .class("list"),
        .forEach(hats) { hat in
          .li(
            .a(.href(SiteURL.hat(.value(hat.hat.id)).path), .text(hat.hat.name)),
            .text(" (\(hat.scope)): " + (hat.current.isEmpty ? "nobody yet" : hat.current.joined(separator: ", "))))
        })
    )
  }
}
