// 연결된 탭을 페이지의 모든 코드 비교에: 독자가 고른 탭(TensorFlow/PyTorch)을 화면 밖의 비교와
// 접힌 <details> 안에도 맞춥니다. Material은 같은 이름의 탭을 label.innerText로 찾는데, 그려지지 않은
// 글자(접힌 <details> 안, content-visibility로 아직 그리지 않은 화면 밖)는 innerText가 비어 있습니다.
// 그래서 여기서는 textContent로 찾습니다.
function sidebysideChosenTabs() {
  try {
    return (typeof __md_get === "function" && __md_get("__tabs")) || [];
  } catch (error) {
    return [];
  }
}

function sidebysideSyncTabs(root) {
  var chosen = sidebysideChosenTabs();
  if (!chosen.length) return;
  root.querySelectorAll(".tabbed-set").forEach(function (set) {
    var inputs = set.querySelectorAll(":scope > input");
    for (var c = 0; c < chosen.length; c++) {
      for (var i = 0; i < inputs.length; i++) {
        var label = set.querySelector('label[for="' + inputs[i].id + '"]');
        if (label && label.textContent.trim() === chosen[c]) {
          inputs[i].checked = true;
          return;
        }
      }
    }
  });
}

// 탭을 고르면 같은 이름의 탭을 모두 고릅니다 (Material의 연결 방식을 보완)
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input.matches || !input.matches(".tabbed-set > input") || !input.checked) return;
  var label = document.querySelector('label[for="' + input.id + '"]');
  var name = label && label.textContent.trim();
  if (!name) return;
  document.querySelectorAll(".tabbed-set").forEach(function (set) {
    set.querySelectorAll(":scope > input").forEach(function (other) {
      var otherLabel = set.querySelector('label[for="' + other.id + '"]');
      if (otherLabel && otherLabel.textContent.trim() === name) other.checked = true;
    });
  });
});

// toggle 이벤트는 위로 전파되지 않으므로 capture 단계에서 받습니다
document.addEventListener(
  "toggle",
  function (event) {
    if (event.target.tagName === "DETAILS" && event.target.open) sidebysideSyncTabs(event.target);
  },
  true
);

// 페이지를 열 때: 앞 페이지에서 고른 탭을 화면 밖과 접힌 상자 안의 비교에도 맞춥니다
if (typeof document$ !== "undefined") {
  document$.subscribe(function () {
    sidebysideSyncTabs(document);
  });
} else {
  document.addEventListener("DOMContentLoaded", function () {
    sidebysideSyncTabs(document);
  });
}
