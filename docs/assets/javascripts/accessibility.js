// Material이 만드는 요소 몇 개에 접근성 정보를 더합니다 (스크린 리더와 키보드 사용자를 위해).
// - 검색 대화 상자에 이름을 붙입니다.
// - 글 페이지의 두 번째 내비게이션 영역에 다른 이름을 붙입니다(같은 이름의 영역이 둘이 되지 않게).
// - 이름 없는 내비게이션 영역(코드 상자의 복사 버튼 묶음, 태그 목록 등)이 여럿 겹치지 않게 합니다.
// - 가로로 넘치는 표를 키보드로도 스크롤할 수 있게 초점을 받게 합니다.
function sidebysideAccessibility() {
  document.querySelectorAll(
    ".md-code__nav, .md-post nav.md-nav:not(.md-nav--primary), nav.md-post__authors, " +
      "nav.md-post__action"
  ).forEach(function (nav) {
    nav.setAttribute("role", "none");
  });
  document.querySelectorAll("nav.md-tags").forEach(function (nav) {
    nav.setAttribute("aria-label", "태그");
  });
  document.querySelectorAll("nav[aria-labelledby]").forEach(function (nav) {
    var label = document.getElementById(nav.getAttribute("aria-labelledby"));
    if (label && !label.textContent.trim()) {
      var link = nav.parentElement && nav.parentElement.querySelector(":scope > .md-nav__container a, :scope > a");
      var name = (link && link.textContent.trim()) || "하위 메뉴";
      nav.removeAttribute("aria-labelledby");
      nav.setAttribute("aria-label", name);
    }
  });
  var search = document.querySelector(".md-search[role=dialog]");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "검색");
  document.querySelectorAll(".md-sidebar--post nav.md-nav--primary").forEach(function (nav) {
    nav.setAttribute("aria-label", "글 정보");
  });
  document.querySelectorAll(
    ".md-typeset__scrollwrap, .jupyter-wrapper .highlight-ipynb, .jupyter-wrapper .jp-OutputArea-output pre"
  ).forEach(function (wrap) {
    if (!wrap.hasAttribute("tabindex")) wrap.setAttribute("tabindex", "0");
  });
}
// 코드 상자의 단추 묶음(nav.md-code__nav)은 Material이 상자가 화면에 들어올 때 만듭니다(content.lazy).
// 그때 만들어진 것에도 같은 처리를 합니다.
new MutationObserver(function (records) {
  records.forEach(function (record) {
    record.addedNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.matches(".md-code__nav")) node.setAttribute("role", "none");
    });
  });
}).observe(document.body, { childList: true, subtree: true });

if (typeof document$ !== "undefined") {
  document$.subscribe(sidebysideAccessibility);
} else {
  document.addEventListener("DOMContentLoaded", sidebysideAccessibility);
}
