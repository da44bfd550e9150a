// 연결된 탭을 페이지의 모든 코드 비교에: 독자가 고른 탭(TensorFlow/PyTorch)을 같은 페이지의 다른 비교와
// 다음에 여는 페이지에도 맞춥니다. 비교의 탭 묶음은 Material의 탭 부품 밖에 있어서(훅이 data-tabs를 뺍니다)
// 연결·기억·주소(#탭) 처리를 여기서 합니다. 고른 이름은 Material과 같은 곳(__md_set("__tabs"))에
// 적으므로 Material이 다루는 다른 탭 묶음과도 이어집니다. 이름은 textContent로 찾습니다: 그려지지 않은 글자
// (접힌 <details> 안, content-visibility로 아직 그리지 않은 화면 밖)는 innerText가 비어 있습니다.
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

function sidebysideRemember(name) {
  if (typeof __md_set !== "function") return;
  var chosen = sidebysideChosenTabs().filter(function (other) {
    return other !== name;
  });
  try {
    __md_set("__tabs", [name].concat(chosen));
  } catch (error) {
    // 저장소를 쓸 수 없으면(사생활 보호 모드 등) 이 페이지 안에서만 연결합니다
  }
}

// 탭을 고르면 같은 이름의 탭을 모두 고르고 기억합니다. 위쪽 비교의 높이가 바뀌어도 고른 비교는
// 화면의 같은 자리에 머뭅니다.
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input.matches || !input.matches(".tabbed-set > input") || !input.checked) return;
  var label = document.querySelector('label[for="' + input.id + '"]');
  var name = label && label.textContent.trim();
  if (!name) return;
  var set = input.parentElement;
  var top = set.getBoundingClientRect().top;
  document.querySelectorAll(".tabbed-set").forEach(function (other) {
    other.querySelectorAll(":scope > input").forEach(function (otherInput) {
      var otherLabel = other.querySelector('label[for="' + otherInput.id + '"]');
      if (otherLabel && otherLabel.textContent.trim() === name) otherInput.checked = true;
    });
  });
  window.scrollBy(0, set.getBoundingClientRect().top - top);
  if (set.closest(".sbs-compare")) sidebysideRemember(name);
});

// 주소가 비교의 탭을 가리키면(#…-pytorch) 그 탭을 고릅니다
function sidebysideOpenTabInAddress() {
  var id = decodeURIComponent(location.hash.slice(1));
  var input = id && document.getElementById(id);
  if (input && input.matches(".sbs-compare .tabbed-set > input") && !input.checked) input.click();
}
window.addEventListener("hashchange", sidebysideOpenTabInAddress);

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
    sidebysideOpenTabInAddress();
  });
} else {
  document.addEventListener("DOMContentLoaded", function () {
    sidebysideSyncTabs(document);
    sidebysideOpenTabInAddress();
  });
}
