# 두 프레임워크가 함께 쓰는 데이터와 하이퍼파라미터 (NumPy만 씁니다).
# 짧은 한국어 문장을 단어 단위로 읽고 긍정(1)인지 부정(0)인지 가리는 과제입니다.

# --8<-- [start:sentences]
import numpy as np

# (문장, 레이블). 같은 단어라도 순서와 끝말에 따라 뜻이 갈리도록 골랐습니다
TRAIN = [
    ("정말 좋다", 1),
    ("좋다", 1),
    ("별로 안 좋다", 0),
    ("안 좋다", 0),
    ("재미 있다", 1),
    ("재미 없다", 0),
    ("정말 재미 있다", 1),
    ("하나도 재미 없다", 0),
    ("나쁘지 않다", 1),
    ("정말 나쁘다", 0),
    ("처음엔 지루했지만 끝은 정말 좋다", 1),
    ("배우는 좋은데 이야기가 너무 지루하다", 0),
]
# 학습에 없던 조합 (단어는 모두 학습 문장에 있는 것)
TEST = [
    ("너무 좋다", 1),
    ("별로 재미 없다", 0),
    ("정말 안 좋다", 0),
    ("이야기가 정말 재미 있다", 1),
]
LABEL_NAMES = ["부정", "긍정"]
# --8<-- [end:sentences]

# --8<-- [start:vocab]
PAD = 0  # 패딩 번호. 단어 번호는 1부터 씁니다
VOCAB = ["<pad>"] + sorted({w for s, _ in TRAIN for w in s.split()})
WORD_TO_ID = {w: i for i, w in enumerate(VOCAB)}
VOCAB_SIZE = len(VOCAB)


def encode(sentences):
    """문장 목록 → 길이가 제각각인 단어 번호 목록들 (아직 패딩 전)."""
    return [[WORD_TO_ID[w] for w in s.split()] for s, _ in sentences]


TRAIN_IDS, TEST_IDS = encode(TRAIN), encode(TEST)
Y_TRAIN = np.array([label for _, label in TRAIN])  # (12,)
Y_TEST = np.array([label for _, label in TEST])

# 고정한 원-핫 표 (단어 수, 단어 수 - 1): <pad>는 영벡터, 나머지 단어는 원-핫
ONE_HOT_TABLE = np.eye(VOCAB_SIZE, dtype="float32")[:, 1:]
EMBED_DIM = ONE_HOT_TABLE.shape[1]
# --8<-- [end:vocab]

# --8<-- [start:hparams]
import os

HIDDEN_SIZE = 10
NUM_LAYERS = 2  # SimpleRNN 두 개를 쌓습니다 ↔ nn.RNN(num_layers=2)
N_CLASSES = 2
BATCH_SIZE = 4  # 12문장 → 에포크마다 배치 3개, 섞지 않습니다
EPOCHS = 30
LEARNING_RATE = 0.01
ADAM_EPSILON = 1e-7  # Keras Adam의 기본값. PyTorch는 단계마다 환산합니다
BETA_2 = 0.999

# 동등성 검증 모드(SIDEBYSIDE_PARITY_MODE=1)에서는 드롭아웃을 끕니다.
# 두 프레임워크의 난수 마스크는 같게 만들 수 없기 때문입니다
PARITY_MODE = os.environ.get("SIDEBYSIDE_PARITY_MODE") == "1"
DROPOUT = 0.0 if PARITY_MODE else 0.2
# --8<-- [end:hparams]
