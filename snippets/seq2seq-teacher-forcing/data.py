# 두 프레임워크가 함께 쓰는 데이터와 하이퍼파라미터 (NumPy만 씁니다).
# 문장 쌍과 단어 사전은 14편(어텐션)과 같은 것을
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
    EOS_ID,
    PAD_ID,
    SRC_LEN,
    SRC_VOCAB,
    TEST_PAIRS,
    TGT_LEN,
    TGT_VOCAB,
    TGT_WORDS,
    TIMES,
    TRAIN_PAIRS,
    accuracy_by_length,
    count_correct,
    make_arrays,
    to_words,
    tokens,
)

# --8<-- [end:pairs]

# --8<-- [start:hparams]
EMBED_DIM = 16  # 단어 임베딩 크기
UNITS = 32  # GRU 은닉 상태 크기 = 인코더가 디코더에 넘기는 문맥 벡터의 크기
LEARNING_RATE = 0.01
STEPS = 150  # 학습 문장 300개 전체를 한 배치로 150번 갱신
# Adam: Keras의 기본값을 두 프레임워크가 똑같이 씁니다 (ε의 쓰임새는 본문 참고).
# β를 np.float64로 두는 까닭도 본문의 동등성 검증 절에 있습니다.
BETA_1, BETA_2 = np.float64(0.9), np.float64(0.999)
KERAS_EPSILON = 1e-7
# --8<-- [end:hparams]

# --8<-- [start:roles]
TIME_WORDS = {word for phrase in TIMES.values() for word in phrase.split()}


def accuracy_by_role(tokens_out, pairs):
    """정답 한국어 문장의 단어를 주어·시간·목적어·동사로 나눠 자리마다 맞힌 비율."""
    hits = {"주어": [], "시간": [], "목적어": [], "동사": []}
    for ids, (_, korean) in zip(tokens_out, pairs):
        output, answer = to_words(ids).split(), korean.split()
        for i, word in enumerate(answer):
            if i == 0:
                role = "주어"
            elif i == len(answer) - 1:
                role = "동사"
            else:
                role = "시간" if word in TIME_WORDS else "목적어"
            hits[role].append(i < len(output) and output[i] == word)
    return {role: sum(h) / len(h) for role, h in hits.items()}


# --8<-- [end:roles]
