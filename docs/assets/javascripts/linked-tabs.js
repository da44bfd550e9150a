// 연결된 탭을 접힌 상자 안까지: 독자가 고른 탭(TensorFlow/PyTorch)을 <details>를 펼칠 때 맞춥니다.
// Material은 같은 이름의 탭을 찾을 때 label.innerText를 보는데, 접힌 <details> 안의 글자는 그려지지
// 않아 innerText가 비어 있습니다. 그래서 연습 문제의 "정답과 실행 결과 보기"를 펼치면 PyTorch를
// 골라 둔 독자에게도 TensorFlow 탭이 열려 있었습니다.
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

// toggle 이벤트는 위로 전파되지 않으므로 capture 단계에서 받습니다
document.addEventListener(
  "toggle",
  function (event) {
    if (event.target.tagName === "DETAILS" && event.target.open) sidebysideSyncTabs(event.target);
  },
  true
);
