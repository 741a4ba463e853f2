import CareCases
import CareCore
import Plot

/// The one layout every page uses: language, unique title, skip link, header, breadcrumbs, main.
struct Layout {
  struct Crumb {
    let label: String
    let url: SiteURL
  }

  let title: String
  var breadcrumbs: [Crumb] = []
  let account: Account?
  var offers = Offers()
  let csrf: String
  /// Whether the page shows a form with errors: the title then starts "Error:", as GOV.UK advises.
  var hasErrors = false
  var easyRead = false
  /// Seconds a signed-in session may sit idle; the page warns two minutes before (WCAG 2.2.1).
  var idleSeconds: Int? = nil

  func render(_ main: Node<HTML.BodyContext>) -> String {
    let html = HTML(
      .lang(.english),
      .head(
        .meta(.charset(.utf8)),
        .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
        .title((hasErrors ? "Error: " : "") + title + " – CareCoop"),
        .link(.rel(.stylesheet), .href(SiteURL.stylesheet.path)),
        .link(.rel(.manifest), .href("/static/manifest.webmanifest")),
        .script(.src(SiteURL.script.path), .defer())
      ),
      .body(
        .class(easyRead ? "easy-read" : ""),
        .unwrap(idleSeconds) { .attribute(named: "data-idle-seconds", value: String($0)) },
        .a(.class("skip-link"), .href("#main"), "Skip to main content"),
        header,
        .div(
          .class("page"),
          .if(!breadcrumbs.isEmpty, breadcrumbNav),
          .main(.id("main"), .attribute(named: "tabindex", value: "-1"), main)
        ),
        .footer(.class("site-footer"), .p("CareCoop: your co-op, your team, your life.")),
        .if(idleSeconds != nil, timeoutWarning)
      )
    )
    return html.render()
  }

  /// The page as it prints, standing alone for a `PDFPrinter`: the stylesheet inline, no script, a policy
  /// that lets nothing load, and links made whole against the site's address so they still work in the PDF.
  /// Only `main` is kept: the menus, breadcrumbs and footer mean nothing on paper.
  func renderForPrint(_ main: Node<HTML.BodyContext>, siteURL: String) -> String {
    HTML(
      .lang(.english),
      .head(
        .meta(.charset(.utf8)),
        .meta(
          .attribute(named: "http-equiv", value: "Content-Security-Policy"),
          .content("default-src 'none'; style-src 'unsafe-inline'")),
        .selfClosedElement(named: "base", attributes: [.attribute(named: "href", value: siteURL + "/")]),
        .title(title),
        .style(StaticAsset.stylesheetText)
      ),
      .body(.main(main))
    ).render()
  }

  private var header: Node<HTML.BodyContext> {
    .header(
      .class("site-header"),
      .a(.class("site-name"), .href(SiteURL.home.path), "CareCoop"),
      .unwrap(account) { account in
        .nav(
          .attribute(named: "aria-label", value: "Main"),
          .ul(
            .li(.a(.href(SiteURL.home.path), "Home")),
            .li(.a(.href(SiteURL.circles.path), "Circles")),
            .li(.a(.href(SiteURL.hats.path), "Hats")),
            .li(.a(.href(SiteURL.library.path), "Library")),
            .li(.a(.href(SiteURL.proposals.path), "Decisions")),
            .li(.a(.href(SiteURL.concerns.path), "Concerns")),
            .if(offers.memberRegister, .li(.a(.href(SiteURL.members.path), "Members"))),
            .li(
              .form(
                .action(SiteURL.signOut.path), .method(.post),
                .input(.type(.hidden), .name("csrf_token"), .value(csrf)),
                .button(.type(.submit), .class("link-button"), "Sign out \(account.name)")
              ))
          ))
      }
    )
  }

  /// Shown by app.js two minutes before an idle session ends, so nobody loses what they typed.
  private var timeoutWarning: Node<HTML.BodyContext> {
    .element(
      named: "dialog",
      nodes: [
        .id("timeout-warning"), .attribute(named: "aria-labelledby", value: "timeout-heading"),
        .h2(.id("timeout-heading"), "You will be signed out soon"),
        .p("You have not done anything for a while. To keep your information safe, we will sign you out in 2 minutes."),
        .button(
          .type(.button), .class("button"), .attribute(named: "data-stay", value: SiteURL.health.path), "Stay signed in"
        ),
      ])
  }

  private var breadcrumbNav: Node<HTML.BodyContext> {
    .nav(
      .class("breadcrumbs"), .attribute(named: "aria-label", value: "Breadcrumb"),
      .ol(.forEach(breadcrumbs) { .li(.a(.href($0.url.path), .text($0.label))) })
    )
  }
}

/// A page: its model turned into the HTML of `main`, rendered in the shared layout.
protocol PageView {
  var layout: Layout { get }
  var body: Node<HTML.BodyContext> { get }
}

extension PageView {
  func render() -> String { layout.render(body) }
}
