// Material이 만드는 요소 몇 개에 접근성 정보를 더합니다 (스크린 리더와 키보드 사용자를 위해).
// - 검색 대화 상자에 이름을 붙입니다.
// - 글 페이지의 두 번째 내비게이션 영역에 다른 이름을 붙입니다(같은 이름의 영역이 둘이 되지 않게).
// - 가로로 넘치는 표와 코드 상자를 키보드로도 스크롤할 수 있게 초점을 받게 합니다.
function sidebysideAccessibility() {
  var search = document.querySelector(".md-search[role=dialog]");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "검색");
  document.querySelectorAll(".md-sidebar--post nav.md-nav--primary").forEach(function (nav) {
    nav.setAttribute("aria-label", "글 정보");
  });
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
    if (!wrap.hasAttribute("tabindex")) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "표 (가로로 스크롤할 수 있습니다)");
    }
  });
}
if (typeof document$ !== "undefined") {
  document$.subscribe(sidebysideAccessibility);
} else {
  document.addEventListener("DOMContentLoaded", sidebysideAccessibility);
}
