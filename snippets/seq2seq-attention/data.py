# 두 프레임워크가 함께 쓰는 데이터와 하이퍼파라미터 (NumPy만 씁니다).
# 문장 쌍과 단어 사전은 13편(교사 강요)과 같은 것을
# snippets/_shared/translation_pairs.py에서 가져옵니다.
# 두 글의 모델이 똑같은 문장으로 학습하고 평가받습니다.

# --8<-- [start:parity-mode]
import os

import numpy as np

# 동등성 검증 모드(parity.py가 켭니다)에서만 float64로 계산합니다. 까닭은 본문의
# 동등성 검증 절에 있습니다. 평소 실행과 페이지의 출력은 모두 float32입니다.
PARITY_MODE = os.environ.get("SIDEBYSIDE_PARITY_MODE") == "1"
FLOAT = "float64" if PARITY_MODE else "float32"
# --8<-- [end:parity-mode]

# --8<-- [start:pairs]
from translation_pairs import (  # noqa: F401 — 두 프로그램이 여기서 가져갑니다
    BOS_ID,
    EOS,
    EOS_ID,
    PAD_ID,
    SRC_LEN,
    SRC_VOCAB,
    TEST_PAIRS,
    TGT_LEN,
    TGT_VOCAB,
    TGT_WORDS,
    TRAIN_PAIRS,
    accuracy_by_length,
    count_correct,
    make_arrays,
    to_words,
    tokens,
)

# 어텐션 지도를 그릴 평가 문장: 시간 표현이 문장 끝에서 맨 앞으로 옮겨 갑니다
HEATMAP_SENTENCE = "she buys tea, juice and bread every morning"
# --8<-- [end:pairs]

# --8<-- [start:hparams]
EMBED_DIM = 16  # 단어 임베딩 크기
UNITS = 32  # GRU 은닉 상태 크기 = 어텐션 크기
LEARNING_RATE = 0.01
STEPS = 150  # 학습 문장 300개 전체를 한 배치로 150번 갱신
# Adam: Keras의 기본값을 두 프레임워크가 똑같이 씁니다 (ε의 쓰임새는 본문 참고).
# β를 np.float64로 두는 까닭도 본문의 동등성 검증 절에 있습니다.
BETA_1, BETA_2 = np.float64(0.9), np.float64(0.999)
KERAS_EPSILON = 1e-7
# --8<-- [end:hparams]


# --8<-- [start:plot]
def plot_attention(ax, weights, src_sentence, out_sentence, title):
    """어텐션 가중치 (출력 단어 수, 입력 단어 수)를 열지도로 그립니다."""
    src_words = tokens(src_sentence)
    out_words = out_sentence.split() + [EOS]
    # 인코더 입력은 앞쪽이 패딩이라 단어는 마지막 len(src_words)칸에 있습니다
    shown = weights[: len(out_words), -len(src_words) :]
    image = ax.imshow(shown, cmap="viridis", vmin=0.0, vmax=1.0)
    ax.set_xticks(range(len(src_words)), src_words, rotation=45, ha="right")
    ax.set_yticks(range(len(out_words)), out_words)
    ax.set_xlabel("입력 (영어)")
    ax.set_ylabel("출력 (한국어)")
    ax.set_title(title)
    return image  # 색 막대(colorbar)를 붙일 때 씁니다


# --8<-- [end:plot]
