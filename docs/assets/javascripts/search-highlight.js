// 검색 결과에서 글 제목(페이지 전체)을 누르면 Material이 빈 ?h=를 붙여 아무것도 강조되지 않습니다.
// 그럴 때는 검색창에 입력한 말을 그대로 넘겨, 열린 페이지에서 검색어가 강조되게 합니다.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest(".md-search-result__link");
  var input = document.querySelector(".md-search__input");
  if (!link || !input || !input.value.trim()) return;
  var url = new URL(link.href, window.location.href);
  if (url.searchParams.has("h") && !url.searchParams.get("h")) {
    url.searchParams.set("h", input.value.trim());
    link.href = url.toString();
  }
}, true);
