# 두 프레임워크가 함께 쓰는 데이터와 하이퍼파라미터 (NumPy만 씁니다).
# 양쪽이 이 파일에서 똑같은 배열과 똑같은 배치 순서를 받습니다.

# --8<-- [start:corpus]
# 품사가 붙은 짧은 영어 문장들입니다. 태그는 Universal POS 표기를 따릅니다.
# DET 한정사, NOUN 명사, VERB 동사, PRON 대명사, ADJ 형용사, ADV 부사, ADP 전치사
# 'that'은 뒤에 명사가 오면 DET, 동사가 오면 PRON입니다: 오른쪽 문맥이 필요합니다.
TRAIN_SENTENCES = [
    ("that dog runs fast", "DET NOUN VERB ADV"),
    ("that is my dog", "PRON VERB DET NOUN"),
    ("i watch the dog", "PRON VERB DET NOUN"),
    ("my watch is new", "DET NOUN VERB ADJ"),
    ("dogs run in the park", "NOUN VERB ADP DET NOUN"),
    ("the run was long", "DET NOUN VERB ADJ"),
    ("i like that park", "PRON VERB DET NOUN"),
    ("that was fast", "PRON VERB ADJ"),
]
# 학습에 없던 문장 (단어는 모두 학습 문장에 나옵니다)
TEST_SENTENCES = [
    ("that watch is new", "DET NOUN VERB ADJ"),
    ("that is new", "PRON VERB ADJ"),
    ("my dog runs in the park", "DET NOUN VERB ADP DET NOUN"),
]
# --8<-- [end:corpus]

# --8<-- [start:encode]
import numpy as np

PAD = "<pad>"
PAD_ID = 0  # 단어와 태그 모두 0번이 패딩입니다
WORDS = [PAD, *sorted({w for s, _ in TRAIN_SENTENCES for w in s.split()})]
TAGS = [PAD, *sorted({t for _, s in TRAIN_SENTENCES for t in s.split()})]
WORD_ID = {word: i for i, word in enumerate(WORDS)}
TAG_ID = {tag: i for i, tag in enumerate(TAGS)}
MAX_LEN = max(len(s.split()) for s, _ in TRAIN_SENTENCES + TEST_SENTENCES)


def encode(sentences):
    """문장 목록 → 단어 번호와 태그 번호 (N, MAX_LEN). 뒤쪽을 0으로 채웁니다."""
    words = np.zeros((len(sentences), MAX_LEN), dtype=np.int64)
    tags = np.zeros((len(sentences), MAX_LEN), dtype=np.int64)
    for row, (sentence, tag_line) in enumerate(sentences):
        for col, (word, tag) in enumerate(zip(sentence.split(), tag_line.split())):
            words[row, col], tags[row, col] = WORD_ID[word], TAG_ID[tag]
    return words, tags


TRAIN_WORDS, TRAIN_TAGS = encode(TRAIN_SENTENCES)  # (8, 6) int64
TEST_WORDS, TEST_TAGS = encode(TEST_SENTENCES)  # (3, 6)
# --8<-- [end:encode]

# --8<-- [start:hparams]
EMBED_DIM = 8  # 단어 임베딩 크기
HIDDEN = 10  # 방향 하나의 은닉 상태 크기 H (양방향 출력은 2H = 20)
N_TAGS = len(TAGS)  # 패딩 태그까지 8개
LEARNING_RATE = 0.01  # Adam
KERAS_EPSILON = 1e-7  # Keras Adam의 기본 ε (PyTorch 쪽 환산은 본문 참고)
BETA_2 = 0.999  # 두 프레임워크 Adam의 기본 β₂
EPOCHS = 30
BATCH_SIZE = 2  # 에포크마다 4번 갱신
# --8<-- [end:hparams]

# --8<-- [start:order]
# 에포크마다 섞는 순서를 여기서 한 번 정해 두 프레임워크가 똑같이 씁니다.
# (tf.data의 shuffle과 DataLoader의 shuffle은 난수 생성기가 달라 순서가 다릅니다.)
_rng = np.random.default_rng(0)
EPOCH_ORDERS = [_rng.permutation(len(TRAIN_SENTENCES)) for _ in range(EPOCHS)]


def batches(epoch):
    """epoch번째 에포크의 배치 인덱스들: [array([5, 2]), array([0, 7]), ...]"""
    order = EPOCH_ORDERS[epoch]
    return [order[i : i + BATCH_SIZE] for i in range(0, len(order), BATCH_SIZE)]


# --8<-- [end:order]


# --8<-- [start:plot]
def plot_tag_probabilities(probabilities, framework):
    """평가 문장마다 단어(행) × 태그(열)의 확률 열지도를 그립니다."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(
        1, len(TEST_SENTENCES), figsize=(6.4, 3.4), layout="constrained"
    )
    for ax, (sentence, _), probs in zip(axes, TEST_SENTENCES, probabilities):
        tokens = sentence.split()
        shown = probs[: len(tokens), 1:]  # 패딩 위치와 패딩 태그는 빼고
        image = ax.imshow(shown, cmap="Blues", vmin=0, vmax=1, aspect="auto")
        guesses = [TAGS[1 + i] for i in shown.argmax(axis=1)]
        ax.set_yticks(
            range(len(tokens)), [f"{w}\n{g}" for w, g in zip(tokens, guesses)]
        )
        ax.set_xticks(range(len(TAGS) - 1), TAGS[1:], rotation=90)
        ax.tick_params(labelsize=9)
    axes[0].set_ylabel("단어와 예측 태그")
    fig.suptitle(f"{framework}: 평가 문장의 태그 확률", fontsize=11)
    fig.colorbar(image, ax=axes, shrink=0.8, label="확률")


# --8<-- [end:plot]
