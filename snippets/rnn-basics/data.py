# 두 프레임워크가 함께 쓰는 데이터와 하이퍼파라미터 (NumPy만 씁니다).
# 'hihell'을 한 글자씩 읽으면서 다음 글자를 맞혀 'ihello'를 내는 과제입니다.

# --8<-- [start:chars]
import numpy as np

CHARS = ["h", "i", "e", "l", "o"]  # 글자 사전: 번호 0–4
CHAR_TO_ID = {c: i for i, c in enumerate(CHARS)}
N_CHARS = len(CHARS)  # 5

SOURCE, TARGET = "hihell", "ihello"  # 입력과, 한 칸씩 밀린 정답
X_IDS = np.array([CHAR_TO_ID[c] for c in SOURCE])  # (6,) [0 1 0 2 3 3]
Y_IDS = np.array([CHAR_TO_ID[c] for c in TARGET])  # (6,) [1 0 2 3 3 4]
SEQ_LEN = len(SOURCE)  # 6

# 원-핫(one-hot): 단위 행렬의 행을 글자 번호로 고릅니다. 배치 축을 붙여 (1, 6, 5)
X_ONE_HOT = np.eye(N_CHARS)[X_IDS][None]
Y_BATCH = Y_IDS[None]  # (1, 6)


def decode(ids):
    """글자 번호 목록을 문자열로 바꿉니다."""
    return "".join(CHARS[int(i)] for i in ids)


# --8<-- [end:chars]

# --8<-- [start:demo]
# 모양을 살펴볼 때 쓰는 배치 둘: 'hihell'과 그 역순 'llehih'
DEMO_WORDS = ["hihell", "llehih"]
DEMO_ONE_HOT = np.eye(N_CHARS)[[[CHAR_TO_ID[c] for c in w] for w in DEMO_WORDS]]
SPLIT = 3  # 앞 3글자와 뒤 3글자로 나눠서 은닉 상태를 이어 받습니다

# 임베딩(embedding) 표: 글자마다 길이 3짜리 벡터 하나
EMBED_DIM = 3
EMBED_TABLE = np.random.default_rng(0).normal(size=(N_CHARS, EMBED_DIM)).round(2)
# --8<-- [end:demo]

# --8<-- [start:hparams]
HIDDEN_SIZE = 8  # 은닉 상태의 크기 (글자 수 5와 다르게 골라 모양을 구별합니다)
LEARNING_RATE = 0.05
EPOCHS = 30  # 샘플이 하나뿐이므로 1 에포크 = 가중치 갱신 1번
ADAM_EPSILON = 1e-7  # Keras Adam의 기본값. PyTorch는 단계마다 환산합니다
BETA_2 = 0.999  # Adam의 두 번째 모멘트 계수 (두 프레임워크의 기본값)
# --8<-- [end:hparams]
